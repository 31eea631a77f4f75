import {describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {parseBuildMessage} from '../../source/docker/build-progress.js';

/**
 * One real legacy-builder stream of dockerd 20.10: test/fixtures/build with tag
 * ww-explore-build:x and --build-arg GREETING=hi-there (raw lines of POST /build?version=1).
 */
const messages: unknown[] = readFileSync(fileURLToPath(new URL('../fixtures/build-messages.ndjson', import.meta.url)), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as unknown);

describe('parseBuildMessage on a recorded build', () => {
  const parsed = messages.map(parseBuildMessage);

  it('reports every step in order', () => {
    const steps = parsed.filter((m) => m.step).map((m) => m.step);
    expect(steps).toEqual([1, 2, 3, 4, 5].map((n) => ({n, of: 5})));
    expect(parsed.find((m) => m.step?.n === 4)?.line).toBe('Step 4/5 : RUN test ! -e /ctx/ignored.txt && echo "$GREETING" > /greeting && cat /ctx/sub/data.txt');
  });

  it('gives lines without their newline and drops the blank separators', () => {
    const lines = parsed.filter((m) => m.line !== undefined).map((m) => m.line);
    expect(lines).toContain('data from a subdirectory');
    expect(lines).toContain(' ---> e06e67c06cc5');
    expect(lines.every((l) => !l!.endsWith('\n') && l!.trim() !== '')).toBe(true);
    expect(parseBuildMessage({stream: '\n'})).toEqual({});
  });

  it('takes the image id from the aux message and from "Successfully built"', () => {
    expect(parsed.filter((m) => m.imageId).map((m) => m.imageId)).toEqual([
      'sha256:e06e67c06cc564c40f92e04b1639a32d59e0529b6225a372304d25224707a286',
      'e06e67c06cc5',
    ]);
    expect(parsed.at(-1)).toEqual({line: 'Successfully tagged ww-explore-build:x'});
    expect(parsed.some((m) => m.error)).toBe(false);
  });
});

describe('parseBuildMessage on failures and odd input', () => {
  it('reads the error line of a failed step (dockerd 20.10, test/fixtures/build-fail)', () => {
    const failed = {
      errorDetail: {code: 3, message: "The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3"},
      error: "The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3",
    };
    expect(parseBuildMessage(failed)).toEqual({error: "The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3"});
    expect(parseBuildMessage({errorDetail: {message: 'only detail'}})).toEqual({error: 'only detail'});
  });

  it('keeps several lines of one message together and reads pull status lines of a FROM', () => {
    expect(parseBuildMessage({stream: 'one\ntwo\n'})).toEqual({line: 'one\ntwo'});
    expect(parseBuildMessage({status: 'Pulling from library/alpine', id: '3'})).toEqual({line: 'Pulling from library/alpine'});
  });

  it('returns nothing for what is not a message', () => {
    for (const odd of [null, undefined, 3, 'text', [], {aux: {}}, {stream: 42}]) expect(parseBuildMessage(odd)).toEqual({});
  });
});
