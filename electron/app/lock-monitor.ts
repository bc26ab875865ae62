/**
 * Locks on the OS lock screen, on suspend, and after the team's idle minutes of
 * system-wide inactivity (the renderer also locks on idle within the window).
 */
import { powerMonitor } from 'electron';
import type { CoreWorkerHost } from './core-worker-host';

const IDLE_POLL_MS = 30_000;

export function watchForLock(core: CoreWorkerHost): () => void {
  const onLockScreen = () => core.lock('os-lock');
  const onSuspend = () => core.lock('suspend');
  powerMonitor.on('lock-screen', onLockScreen);
  powerMonitor.on('suspend', onSuspend);
  const timer = setInterval(() => {
    // Electron's lock-screen event exists on Windows and macOS only; on Linux the idle state
    // says 'locked' where the desktop reports its lock screen, checked at each poll.
    if (process.platform === 'linux' && powerMonitor.getSystemIdleState(60) === 'locked') core.lock('os-lock');
    void core.call('app.status', {}).then((result) => {
      if (!result.ok) return;
      const status = result.value as { state: string; settings?: { autoLockMinutes: number } };
      if (status.state === 'unlocked' && status.settings && powerMonitor.getSystemIdleTime() >= status.settings.autoLockMinutes * 60) {
        core.lock('idle');
      }
    });
  }, IDLE_POLL_MS);
  return () => {
    clearInterval(timer);
    powerMonitor.off('lock-screen', onLockScreen);
    powerMonitor.off('suspend', onSuspend);
  };
}
