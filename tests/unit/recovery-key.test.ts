import { describe, expect, it } from 'vitest';
import { formatRecoveryKey, parseRecoveryKey } from '../../shared/recovery-key';

const HEX = '00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210';

describe('recovery key', () => {
  it('is the 64 hex digits of the data key in 16 groups of four joined by hyphens', () => {
    expect(formatRecoveryKey(HEX)).toBe('0011-2233-4455-6677-8899-aabb-ccdd-eeff-0123-4567-89ab-cdef-fedc-ba98-7654-3210');
  });

  it('reads back whatever spacing, hyphens or capitals a person typed', () => {
    expect(parseRecoveryKey(formatRecoveryKey(HEX))).toBe(HEX);
    expect(parseRecoveryKey(` ${HEX.toUpperCase().match(/.{4}/g)!.join(' ')} `)).toBe(HEX);
  });

  it('rejects anything that is not exactly 64 hex digits', () => {
    expect(parseRecoveryKey(HEX.slice(1))).toBeNull();
    expect(parseRecoveryKey(`${HEX.slice(1)}g`)).toBeNull();
    expect(() => formatRecoveryKey('abc')).toThrow('64 hex digits');
  });
});
