import { useEffect } from 'react';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'focusin'] as const;

/**
 * Locks after `minutes` with no keyboard, mouse or touch in the window. The app's
 * main process also locks on the system's idle time, the OS lock screen and
 * suspend; this covers the window itself and the browser test harness.
 */
export function useIdleLock(minutes: number, onIdle: () => void): void {
  useEffect(() => {
    let timer = window.setTimeout(onIdle, minutes * 60_000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, minutes * 60_000);
    };
    for (const name of ACTIVITY) window.addEventListener(name, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, reset);
    };
  }, [minutes, onIdle]);
}
