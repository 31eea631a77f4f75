import {describe, it, expect} from 'vitest';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {createDemuxer, CUT_MARKER, type StreamName} from '../../source/docker/demux.js';
import {randomCuts, rng} from './random-cuts.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)));

type Line = [StreamName, string];

function run(chunks: Buffer[], tty: boolean, maxLine?: number): Line[] {
  const lines: Line[] = [];
  const d = createDemuxer((line, stream) => lines.push([stream, line]), {tty, maxLine});
  for (const c of chunks) d.push(c);
  d.end();
  return lines;
}

/**
 * logs-mux.bin: GET /containers/muxy/logs?stdout=1&stderr=1&tail=20 from dockerd 20.10 for
 *   sh -c 'echo out1; echo err1 >&2; printf "crlf out\r\n"; printf "héllo wörld ✓ 日本語\n";
 *          printf "no newline at end on stderr" >&2; sleep 0.2; echo; echo out2;
 *          printf "\033[31mred\033[0m\n" >&2; for i in 1 2 3; do echo "line $i";
 *          echo "eline $i" >&2; done; echo last'
 * The json-file driver joined the stderr line without a newline to the next stderr line, and
 * this engine returned the tail with frames grouped oddly (err1 first, then stdout, then the
 * rest of stderr): that is what the bytes say, so that is what we expect.
 */
const expectedMux: Line[] = [
  ['stderr', 'err1'],
  ['stdout', 'out1'],
  ['stdout', 'crlf out'],
  ['stdout', 'héllo wörld ✓ 日本語'],
  ['stdout', ''],
  ['stdout', 'out2'],
  ['stdout', 'line 1'],
  ['stdout', 'line 2'],
  ['stdout', 'line 3'],
  ['stdout', 'last'],
  ['stderr', 'no newline at end on stderr\x1b[31mred\x1b[0m'],
  ['stderr', 'eline 1'],
  ['stderr', 'eline 2'],
  ['stderr', 'eline 3'],
];

describe('createDemuxer on a recorded multiplexed log', () => {
  const bytes = fixture('logs-mux.bin');

  it('splits frames into lines per stream', () => {
    expect(run([bytes], false)).toEqual(expectedMux);
  });

  it('gives the same lines however the bytes are cut (headers, payloads, UTF-8 characters)', () => {
    const rand = rng(11);
    for (let round = 0; round < 300; round++) {
      expect(run(randomCuts(bytes, rand, 1 + (round % 24)), false)).toEqual(expectedMux);
    }
  });

  it('one byte at a time', () => {
    expect(run([...bytes].map((b) => Buffer.from([b])), false)).toEqual(expectedMux);
  });

  it('keeps the engine timestamps at the start of each line (timestamps=1)', () => {
    const lines = run(randomCuts(fixture('logs-mux-timestamps.bin'), rng(3), 13), false);
    expect(lines.map(([s, l]) => [s, l.replace(/^\S+ /, '')])).toEqual(expectedMux);
    for (const [, l] of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z /);
  });
});

describe('createDemuxer on a recorded TTY log', () => {
  // logs-tty.bin: a `docker run -t` container: no frames, \r\n line ends, stderr merged by the TTY.
  const expectedTty: Line[] = [
    ['stdout', 'tty1'],
    ['stdout', 'ttyerr'],
    ['stdout', 'x\x1b[1mbold\x1b[0m'],
    ['stdout', 'end'],
  ];

  it('reads raw bytes as stdout lines, however cut', () => {
    const bytes = fixture('logs-tty.bin');
    expect(run([bytes], true)).toEqual(expectedTty);
    const rand = rng(5);
    for (let round = 0; round < 100; round++) expect(run(randomCuts(bytes, rand, 1 + (round % 7)), true)).toEqual(expectedTty);
  });
});

function frame(type: number, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('createDemuxer edge cases', () => {
  it('assembles a line spread over frames, keeping streams apart', () => {
    const bytes = Buffer.concat([frame(1, 'hel'), frame(2, 'oops'), frame(1, 'lo\n'), frame(2, '!\n')]);
    expect(run([bytes], false)).toEqual([
      ['stdout', 'hello'],
      ['stderr', 'oops!'],
    ]);
  });

  it('keeps a multi-byte character split across two frames whole', () => {
    const check = Buffer.from('✓\n');
    const bytes = Buffer.concat([frame(1, check.subarray(0, 1)), frame(1, check.subarray(1))]);
    expect(run([bytes], false)).toEqual([['stdout', '✓']]);
  });

  it('replaces invalid UTF-8 instead of failing', () => {
    const bytes = frame(1, Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a]));
    expect(run([bytes], false)).toEqual([['stdout', 'a\ufffd\ufffdb']]);
  });

  it('flushes a last line without newline at end(), and handles an empty frame', () => {
    expect(run([Buffer.concat([frame(1, ''), frame(1, 'tail')])], false)).toEqual([['stdout', 'tail']]);
  });

  it('treats stream 0 as stdout and 3 (engine error) as stderr', () => {
    expect(run([Buffer.concat([frame(0, 'in\n'), frame(3, 'engine error\n')])], false)).toEqual([
      ['stdout', 'in'],
      ['stderr', 'engine error'],
    ]);
  });

  it('falls back to raw when the bytes are not frames', () => {
    expect(run([Buffer.from('plain text\nmore\n')], false)).toEqual([
      ['stdout', 'plain text'],
      ['stdout', 'more'],
    ]);
  });

  it('cuts a long line at maxLine with a marker and drops the rest of it, bounded memory', () => {
    const long = 'x'.repeat(100);
    const lines = run(randomCuts(Buffer.concat([frame(1, `${long}\nshort\n`), frame(2, `${long}`)]), rng(1), 9), false, 32);
    expect(lines).toEqual([
      ['stdout', 'x'.repeat(32) + CUT_MARKER],
      ['stdout', 'short'],
      ['stderr', 'x'.repeat(32) + CUT_MARKER],
    ]);
  });

  it('does not cut a surrogate pair at maxLine', () => {
    const lines = run([frame(1, `${'a'.repeat(3)}👍👍\n`)], false, 4);
    expect(lines).toEqual([['stdout', `aaa${CUT_MARKER}`]]);
  });
});
