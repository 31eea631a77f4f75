import {describe, it, expect} from 'vitest';
import {LogBuffer, DEFAULT_LOG_CAPACITY} from '../../source/store/log-buffer.js';

describe('LogBuffer', () => {
  it('appends, numbers and reads lines in order', () => {
    const b = new LogBuffer(5);
    b.append('one', 'stdout');
    b.append('two', 'stderr');
    expect(b.size).toBe(2);
    expect(b.get(0)).toEqual({text: 'one', stream: 'stdout', seq: 0});
    expect(b.get(1)).toEqual({text: 'two', stream: 'stderr', seq: 1});
    expect(b.get(2)).toBeUndefined();
    expect(b.get(-1)).toBeUndefined();
    expect(b.dropped).toBe(0);
  });

  it('keeps only the newest `capacity` lines, oldest first, seq stable', () => {
    const b = new LogBuffer(3);
    for (let i = 0; i < 7; i++) b.append(`l${i}`, 'stdout');
    expect(b.size).toBe(3);
    expect(b.dropped).toBe(4);
    expect(b.firstSeq).toBe(4);
    expect(b.slice().map((l) => `${l.seq}:${l.text}`)).toEqual(['4:l4', '5:l5', '6:l6']);
    expect(b.getBySeq(5)?.text).toBe('l5');
    expect(b.getBySeq(3)).toBeUndefined();
  });

  it('slices like Array.prototype.slice', () => {
    const b = new LogBuffer(4);
    for (let i = 0; i < 6; i++) b.append(`l${i}`, 'stdout'); // holds l2..l5, wrapped
    const texts = (ls: {text: string}[]) => ls.map((l) => l.text);
    expect(texts(b.slice(1, 3))).toEqual(['l3', 'l4']);
    expect(texts(b.slice(-2))).toEqual(['l4', 'l5']);
    expect(texts(b.slice(2, 100))).toEqual(['l4', 'l5']);
    expect(texts(b.slice(3, 1))).toEqual([]);
  });

  it('takes the engine timestamp off into `time`', () => {
    const b = new LogBuffer();
    const l = b.append('2026-11-29T01:55:22.483118853Z out1', 'stdout');
    expect(l.time).toBe('2026-11-29T01:55:22.483118853Z');
    expect(l.text).toBe('out1');
    expect(b.append('2026-11-29T01:55:22+02:00 x', 'stdout').time).toBe('2026-11-29T01:55:22+02:00');
    expect(b.append('not 2026-11-29T01:55:22Z a prefix', 'stdout').time).toBeUndefined();
  });

  it('sanitizes text and expands tabs', () => {
    const b = new LogBuffer();
    expect(b.append('\x1b[31merror\x1b[0m\tboom\x1b]52;c;eA==\x07', 'stderr').text).toBe('error   boom');
  });

  it('searches forward and backward, case-insensitive, excluding the start line', () => {
    const b = new LogBuffer(10);
    for (const t of ['start', 'ERROR one', 'ok', 'error two', 'ok', 'Error three']) b.append(t, 'stdout');
    expect(b.search('error', -1, 'forward')).toBe(1);
    expect(b.search('error', 1, 'forward')).toBe(3);
    expect(b.search('error', 5, 'forward')).toBeUndefined();
    expect(b.search('error', b.nextSequence, 'backward')).toBe(5);
    expect(b.search('error', 3, 'backward')).toBe(1);
    expect(b.search('error', 1, 'backward')).toBeUndefined();
    expect(b.search('', 0, 'forward')).toBeUndefined();
    expect(b.search('missing', -1, 'forward')).toBeUndefined();
  });

  it('searches only what is still held after wrapping', () => {
    const b = new LogBuffer(3);
    for (const t of ['hit a', 'x', 'hit b', 'y', 'hit c']) b.append(t, 'stdout'); // holds seq 2..4
    expect(b.search('hit', -1, 'forward')).toBe(2);
    expect(b.search('hit', 2, 'forward')).toBe(4);
    expect(b.search('hit', 100, 'backward')).toBe(4);
    expect(b.search('hit', 2, 'backward')).toBeUndefined();
  });

  it('clear() forgets lines, seq keeps counting', () => {
    const b = new LogBuffer(3);
    b.append('a', 'stdout');
    b.append('b', 'stdout');
    b.clear();
    expect(b.size).toBe(0);
    expect(b.dropped).toBe(0);
    expect(b.append('c', 'stdout').seq).toBe(2);
    expect(b.get(0)?.text).toBe('c');
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new LogBuffer(0)).toThrow(RangeError);
    expect(() => new LogBuffer(1.5)).toThrow(RangeError);
  });

  it('stays at capacity after 1,000,000 appends, last line correct', () => {
    const b = new LogBuffer();
    expect(b.capacity).toBe(DEFAULT_LOG_CAPACITY);
    const t0 = performance.now();
    for (let i = 0; i < 1_000_000; i++) b.append(`line ${i}`, i % 2 ? 'stderr' : 'stdout');
    console.log(`log-buffer: 1,000,000 appends in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(b.size).toBe(10_000);
    expect(b.dropped).toBe(990_000);
    expect(b.get(b.size - 1)).toEqual({text: 'line 999999', stream: 'stderr', seq: 999_999});
    expect(b.get(0)).toEqual({text: 'line 990000', stream: 'stdout', seq: 990_000});
    expect(b.slice()).toHaveLength(10_000);
  });
});

describe('LogBuffer tab expansion', () => {
  it('expands tabs by display width, so wide text before a tab still lines up', () => {
    const b = new LogBuffer();
    expect(b.append('日本\tx', 'stdout').text).toBe('日本    x');
  });
});
