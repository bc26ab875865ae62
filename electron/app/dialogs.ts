/** The native dialogs the core asks for: where to keep the database, what to import, where to save the template. */
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { join } from 'node:path';
import type { ChoiceKind } from '../core/app-core';

export async function chooseWithDialog(kind: ChoiceKind, window: BrowserWindow | null, suggestedName?: string): Promise<string | null> {
  if (kind === 'letter-file') {
    const extension = suggestedName?.split('.').pop() ?? 'pdf';
    const options = {
      title: 'Save the letter',
      defaultPath: suggestedName ?? `letter.${extension}`,
      filters: [{ name: extension === 'docx' ? 'Word document' : 'PDF', extensions: [extension] }],
    };
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled ? null : (result.filePath ?? null);
  }
  if (kind === 'report-file') {
    const extension = suggestedName?.split('.').pop() ?? 'xlsx';
    const options = {
      title: 'Save the summary',
      defaultPath: suggestedName ?? `summary.${extension}`,
      filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
    };
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled ? null : (result.filePath ?? null);
  }
  if (kind === 'report-folder') {
    const options: OpenDialogOptions = { title: 'Choose a folder for the CSV files', properties: ['openDirectory', 'createDirectory'] };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    const folder = result.canceled ? null : (result.filePaths[0] ?? null);
    return folder && suggestedName ? join(folder, suggestedName) : folder;
  }
  if (kind === 'backup-folder') {
    const options: OpenDialogOptions = { title: 'Choose the backup folder (for example a network drive)', properties: ['openDirectory', 'createDirectory'] };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }
  if (kind === 'summary-file') {
    const options: OpenDialogOptions = {
      title: "Choose a worker's summary file",
      properties: ['openFile'],
      filters: [{ name: 'Summary file', extensions: ['json'] }],
    };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }
  if (kind === 'template-file') {
    const options = {
      title: 'Save the tracker workbook template',
      defaultPath: 'tracker-workbook-template.xlsx',
      filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
    };
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled ? null : (result.filePath ?? null);
  }
  const options: OpenDialogOptions =
    kind === 'database-folder'
      ? { title: 'Choose where to keep the team database', properties: ['openDirectory', 'createDirectory'] }
      : {
          title: 'Choose the tracker workbook (.xlsx), or a folder of .csv files',
          // Linux and Windows cannot offer files and folders in one dialog; the .xlsx is the common case there.
          properties: process.platform === 'darwin' ? ['openFile', 'openDirectory'] : ['openFile'],
          filters: [{ name: 'Tracker workbook', extensions: ['xlsx', 'csv'] }],
        };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const path = result.canceled ? null : (result.filePaths[0] ?? null);
  // A chosen .csv stands for the folder of CSV files it sits in.
  return path && kind === 'import-source' && path.toLowerCase().endsWith('.csv') ? path.replace(/[\\/][^\\/]+$/, '') : path;
}
