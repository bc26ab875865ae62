/** The lock monitor with an injected powerMonitor: each reason to lock, and the idle minutes. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { watchForLock } from '../../electron/app/lock-monitor';

function setUp(platform: NodeJS.Platform, status: unknown) {
  const locks: string[] = [];
  const statusCalls: number[] = [];
  const core = {
    lock: (reason: string) => void locks.push(reason),
    call: async () => (statusCalls.push(1), { ok: true as const, value: status }),
  };
  const power = Object.assign(new EventEmitter(), {
    idleState: 'active',
    idleTime: 0,
    getSystemIdleState: () => power.idleState,
    getSystemIdleTime: () => power.idleTime,
  });
  const stop = watchForLock(core as never, power, { pollMs: 5, platform });
  return { locks, statusCalls, power, stop };
}

const tick = () => new Promise((r) => setTimeout(r, 30));

describe('the lock monitor', () => {
  it('locks on the lock screen and on suspend, and stops listening when stopped', async () => {
    const { locks, power, stop } = setUp('darwin', { state: 'locked' });
    power.emit('lock-screen');
    power.emit('suspend');
    expect(locks).toEqual(['os-lock', 'suspend']);
    stop();
    power.emit('suspend');
    expect(locks).toEqual(['os-lock', 'suspend']);
  });

  it('on Linux, locks when the desktop reports its screen locked', async () => {
    const { locks, power, stop } = setUp('linux', { state: 'locked' });
    await tick();
    expect(locks).toEqual([]);
    power.idleState = 'locked';
    await tick();
    stop();
    expect(locks).toContain('os-lock');
  });

  it("locks after the team's idle minutes, and not before", async () => {
    const { locks, power, stop } = setUp('win32', { state: 'unlocked', settings: { autoLockMinutes: 10 } });
    power.idleTime = 599;
    await tick();
    expect(locks).toEqual([]);
    power.idleTime = 600;
    await tick();
    stop();
    expect(locks).toContain('idle');
  });
});
