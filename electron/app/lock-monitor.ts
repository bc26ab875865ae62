/**
 * Locks on the OS lock screen, on suspend, and after the team's idle minutes of
 * system-wide inactivity (the renderer also locks on idle within the window).
 * `powerMonitor` is passed in (Electron's in the app, a fake in the tests).
 */
import type { CoreWorkerHost } from './core-worker-host';

/** The part of Electron's powerMonitor this uses. */
export interface PowerMonitorLike {
  on(event: 'lock-screen' | 'suspend', listener: () => void): unknown;
  off(event: 'lock-screen' | 'suspend', listener: () => void): unknown;
  getSystemIdleState(idleThresholdSeconds: number): string;
  getSystemIdleTime(): number;
}

const IDLE_POLL_MS = 30_000;

export function watchForLock(
  core: Pick<CoreWorkerHost, 'lock' | 'call'>,
  powerMonitor: PowerMonitorLike,
  options: { pollMs?: number; platform?: NodeJS.Platform } = {},
): () => void {
  const platform = options.platform ?? process.platform;
  const onLockScreen = () => core.lock('os-lock');
  const onSuspend = () => core.lock('suspend');
  powerMonitor.on('lock-screen', onLockScreen);
  powerMonitor.on('suspend', onSuspend);
  const timer = setInterval(() => {
    // Electron's lock-screen event exists on Windows and macOS only; on Linux the idle state
    // says 'locked' where the desktop reports its lock screen, checked at each poll.
    if (platform === 'linux' && powerMonitor.getSystemIdleState(60) === 'locked') core.lock('os-lock');
    // app.status reads the settings only while unlocked (no keyring file), so polling it is cheap.
    void core.call('app.status', {}).then((result) => {
      if (!result.ok) return;
      const status = result.value as { state: string; settings?: { autoLockMinutes: number } };
      if (status.state === 'unlocked' && status.settings && powerMonitor.getSystemIdleTime() >= status.settings.autoLockMinutes * 60) {
        core.lock('idle');
      }
    });
  }, options.pollMs ?? IDLE_POLL_MS);
  return () => {
    clearInterval(timer);
    powerMonitor.off('lock-screen', onLockScreen);
    powerMonitor.off('suspend', onSuspend);
  };
}
