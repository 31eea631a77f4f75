import {describe, it, expect} from 'vitest';
import {formatBytes, formatBytesSI} from '../../source/format/bytes.js';

describe('formatBytes (binary, 4 significant digits like docker stats MEM USAGE)', () => {
  it('formats the figures docker stats printed for the recorded container', () => {
    // `docker stats --no-stream statsy` on the dev engine: "704KiB / 23.54GiB".
    expect(formatBytes(720_896)).toBe('704KiB');
    expect(formatBytes(25_276_063_744)).toBe('23.54GiB');
  });

  it('formats across units', () => {
    expect(formatBytes(0)).toBe('0B');
    expect(formatBytes(1023)).toBe('1023B');
    expect(formatBytes(1024)).toBe('1KiB');
    expect(formatBytes(1536)).toBe('1.5KiB');
    expect(formatBytes(12.3 * 1024 * 1024)).toBe('12.3MiB');
    expect(formatBytes(1.953 * 1024 ** 3)).toBe('1.953GiB');
    expect(formatBytes(2 * 1024 ** 4)).toBe('2TiB');
  });

  it('rounds to the next unit instead of printing 1024 of the previous one', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1MiB');
  });

  it('shows a dash for missing or invalid values', () => {
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('formatBytesSI (decimal, 3 significant digits like docker stats NET/BLOCK I/O)', () => {
  it('formats the figures docker stats printed', () => {
    expect(formatBytesSI(1016)).toBe('1.02kB');
    expect(formatBytesSI(586)).toBe('586B');
    expect(formatBytesSI(0)).toBe('0B');
  });

  it('formats across units', () => {
    expect(formatBytesSI(1200)).toBe('1.2kB');
    expect(formatBytesSI(3_400_000)).toBe('3.4MB');
    expect(formatBytesSI(12_400_000)).toBe('12.4MB');
    expect(formatBytesSI(3_568_000)).toBe('3.57MB');
  });

  it('moves to the next unit where go-units would print "1e+03kB"', () => {
    expect(formatBytesSI(999_700)).toBe('1MB');
    expect(formatBytesSI(999)).toBe('999B');
  });
});
