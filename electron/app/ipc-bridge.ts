/**
 * ipcMain handlers for exactly the contract's channels. Every input is checked
 * against its zod schema here, in main, before the core worker sees it, and
 * calls are accepted only from the app's own top-level frame.
 */
import { ipcMain, type WebFrameMain } from 'electron';
import { CHANNELS, contract, ipcChannelName } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { validationError } from '../../shared/validation';
import type { CoreWorkerHost } from './core-worker-host';

const REFUSED: Result<never> = { ok: false, error: { code: 'NOT_ALLOWED', message: 'Request refused.' } };

export function registerIpcBridge(core: CoreWorkerHost, isAppFrame: (frame: WebFrameMain | null) => boolean): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannelName(channel), async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isAppFrame(event.senderFrame)) return REFUSED;
      const parsed = contract[channel].input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues) };
      return core.call(channel, parsed.data);
    });
  }
}
