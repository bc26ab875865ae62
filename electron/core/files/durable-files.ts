/**
 * Writing files so a power cut leaves either the old file or the new one: write to
 * a private name, fsync it, rename it into place, fsync the folder.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export function syncDirectory(dir: string): void {
  // Windows cannot open a folder for fsync; a rename there is still atomic.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function removeIfPresent(path: string): void {
  if (existsSync(path)) unlinkSync(path);
}

/** Replaces `path` with `text` whole, or leaves it as it was. */
export function writeFileAtomic(path: string, text: string): void {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  syncDirectory(dirname(path));
}

/** A copy that is complete on disk under its final name, or absent: never a half copy under that name. */
export function copyFileDurably(from: string, to: string): void {
  const partial = `${to}.partial`;
  copyFileSync(from, partial);
  syncFile(partial);
  renameSync(partial, to);
  syncDirectory(dirname(to));
}
