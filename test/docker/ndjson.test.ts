import {describe, it, expect} from 'vitest';
import {createNdjsonParser} from '../../source/docker/ndjson.js';
import {randomCuts, rng} from './random-cuts.js';


const events = [
  {Type: 'container', Action: 'start', Actor: {ID: 'abc', Attributes: {name: 'web-1', image: 'nginx'}}, timeNano: 1},
  {Type: 'container', Action: 'die', Actor: {ID: 'abc', Attributes: {name: 'ünïcødé-日本語-👍'}}, timeNano: 2},
  {status: 'Downloading', progressDetail: {current: 1, total: 2}, id: 'layer'},
  [1, 2, 3],
  'a string value',
];
const stream = Buffer.from(events.map((e) => JSON.stringify(e)).join('\n') + '\n', 'utf8');

describe('createNdjsonParser', () => {
  it('parses one value per line', () => {
    const got: unknown[] = [];
    const p = createNdjsonParser((v) => got.push(v));
    p.push(stream);
    p.end();
    expect(got).toEqual(events);
  });

  it('gives the same values however the bytes are cut, even inside a UTF-8 character', () => {
    const rand = rng(7);
    for (let round = 0; round < 300; round++) {
      const got: unknown[] = [];
      const errors: string[] = [];
      const p = createNdjsonParser(
        (v) => got.push(v),
        (_e, line) => errors.push(line),
      );
      for (const chunk of randomCuts(stream, rand, 1 + (round % 40))) p.push(chunk);
      p.end();
      expect(errors).toEqual([]);
      expect(got).toEqual(events);
    }
  });

  it('cut one byte at a time through a 4-byte character', () => {
    const got: unknown[] = [];
    const p = createNdjsonParser((v) => got.push(v));
    for (const byte of Buffer.from('{"e":"👍"}\n')) p.push(Buffer.from([byte]));
    expect(got).toEqual([{e: '👍'}]);
  });

  it('reports a bad line and keeps going; skips blank lines; accepts \\r\\n and strings', () => {
    const got: unknown[] = [];
    const errors: string[] = [];
    const p = createNdjsonParser(
      (v) => got.push(v),
      (e, line) => errors.push(`${line}|${e instanceof Error}`),
    );
    p.push('{"a":1}\r\n\n{not json}\n  \n{"b":');
    p.push('2}\n');
    expect(got).toEqual([{a: 1}, {b: 2}]);
    expect(errors).toEqual(['{not json}|true']);
  });

  it('parses a last line without a newline at end()', () => {
    const got: unknown[] = [];
    const p = createNdjsonParser((v) => got.push(v));
    p.push('{"a":1}\n{"b"');
    expect(got).toEqual([{a: 1}]);
    p.push(':2}');
    p.end();
    expect(got).toEqual([{a: 1}, {b: 2}]);
  });

  it('does not keep a reference to the caller buffer', () => {
    const got: unknown[] = [];
    const p = createNdjsonParser((v) => got.push(v));
    const buf = Buffer.from('{"a":"xy');
    p.push(buf);
    buf.fill(0x20);
    p.push('"}\n');
    expect(got).toEqual([{a: 'xy'}]);
  });

  it('drops a line longer than maxLine with an error, then goes on', () => {
    const got: unknown[] = [];
    const errors: Error[] = [];
    const p = createNdjsonParser(
      (v) => got.push(v),
      (e) => errors.push(e),
      64,
    );
    p.push(`{"big":"${'x'.repeat(50)}`);
    p.push(`${'x'.repeat(50)}"}\n{"ok":1}\n`);
    expect(errors).toHaveLength(1);
    expect(got).toEqual([{ok: 1}]);
  });
});

describe('createNdjsonParser maxLine while waiting for the newline', () => {
  it('drops a line that grows past maxLine before its newline arrives, once', () => {
    const got: unknown[] = [];
    const errors: Error[] = [];
    const p = createNdjsonParser(
      (v) => got.push(v),
      (e) => errors.push(e),
      64,
    );
    for (let i = 0; i < 10; i++) p.push('x'.repeat(30));
    p.push('\n{"ok":2}\n');
    p.end();
    expect(errors).toHaveLength(1);
    expect(got).toEqual([{ok: 2}]);
  });
});
