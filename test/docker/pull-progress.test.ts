import {describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {EMPTY_PULL, finishPull, reducePull, type RawPullMessage} from '../../source/docker/pull-progress.js';
import type {PullProgress} from '../../source/docker/types.js';

/**
 * One real pull stream of dockerd 20.10 from the suite's docker-registry: the fixture image plus
 * a 3 MiB random layer, pushed, removed locally, pulled again (the two busybox layers were still
 * there: 'Already exists'). Recorded as raw lines of POST /images/create.
 */
const messages: RawPullMessage[] = readFileSync(fileURLToPath(new URL('../fixtures/pull-messages.ndjson', import.meta.url)), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as RawPullMessage);

const fold = (list: RawPullMessage[], from: PullProgress = EMPTY_PULL) => list.reduce(reducePull, from);
const states = (list: RawPullMessage[]) => {
  const out: PullProgress[] = [];
  list.reduce((p, m) => (out.push(reducePull(p, m)), out.at(-1)!), EMPTY_PULL);
  return out;
};

describe('reducePull on a recorded pull', () => {
  it('ends with every layer complete, in first-seen order, and the final status', () => {
    const final = fold(messages);
    expect(final.layers.map((l) => [l.id, l.status])).toEqual([
      ['66502991a7d8', 'Already exists'],
      ['d742f686cfd6', 'Already exists'],
      ['b9c67182adcd', 'Pull complete'],
    ]);
    // Only the downloaded layer has a known size; layers already there count nothing.
    expect(final.layers[2]).toEqual({id: 'b9c67182adcd', status: 'Pull complete', current: 3146843, total: 3146843});
    expect(final.layers[0]).toMatchObject({current: 0, total: 0});
    expect(final).toMatchObject({current: 3146843, total: 3146843, done: true});
    expect(final.status).toMatch(/^Status: Downloaded newer image for 127\.0\.0\.1:\d+\/whalewatch\/fixture:test$/);
    expect(final.error).toBeUndefined();
  });

  it('reads "Pulling from" (whose id is the tag) as overall status, not as a layer', () => {
    const first = reducePull(EMPTY_PULL, messages[0]!);
    expect(first).toEqual({layers: [], current: 0, total: 0, status: 'Pulling from whalewatch/fixture', done: false});
  });

  it('counts bytes as they come and never goes back (Extracting restarts at 0 in the engine)', () => {
    const all = states(messages);
    const downloading = all.find((s) => s.layers[2]?.status === 'Downloading')!;
    expect(downloading.layers[2]).toMatchObject({current: 32768, total: 3146843});
    expect(downloading).toMatchObject({current: 32768, total: 3146843, done: false});
    const extracting = all.find((s) => s.layers[2]?.status === 'Extracting')!;
    expect(extracting.layers[2]).toMatchObject({current: 3146843, total: 3146843});
    for (let i = 1; i < all.length; i++) expect(all[i]!.current).toBeGreaterThanOrEqual(all[i - 1]!.current);
    // Not done until the final Status line.
    expect(all.slice(0, -1).every((s) => !s.done)).toBe(true);
    expect(all.at(-2)!.status).toMatch(/^Digest: sha256:[0-9a-f]{64}$/);
  });

  it('does not change its input', () => {
    const before = fold(messages.slice(0, 4));
    const copy = structuredClone(before);
    fold(messages.slice(4), before);
    expect(before).toEqual(copy);
    expect(Object.isFrozen(EMPTY_PULL)).toBe(true);
    expect(EMPTY_PULL).toEqual({layers: [], current: 0, total: 0, status: '', done: false});
  });

  it('counts a layer that completes without any byte message as complete, its size unknown', () => {
    const p = fold([
      {status: 'Pulling fs layer', progressDetail: {}, id: 'aaaaaaaaaaaa'},
      {status: 'Pulling fs layer', progressDetail: {}, id: 'bbbbbbbbbbbb'},
      {status: 'Downloading', progressDetail: {current: 10, total: 100}, id: 'bbbbbbbbbbbb'},
      {status: 'Download complete', progressDetail: {}, id: 'aaaaaaaaaaaa'},
    ]);
    expect(p.layers).toEqual([
      {id: 'aaaaaaaaaaaa', status: 'Download complete', current: 0, total: 0},
      {id: 'bbbbbbbbbbbb', status: 'Downloading', current: 10, total: 100},
    ]);
    expect(p).toMatchObject({current: 10, total: 100});
    const done = reducePull(p, {status: 'Download complete', progressDetail: {}, id: 'bbbbbbbbbbbb'});
    expect(done).toMatchObject({current: 100, total: 100});
  });

  it('an error message sets error and done; later messages change nothing', () => {
    const failed = reducePull(fold(messages.slice(0, 5)), {errorDetail: {message: 'unexpected EOF'}, error: 'unexpected EOF'});
    expect(failed).toMatchObject({error: 'unexpected EOF', done: true});
    expect(reducePull(failed, messages.at(-1)!)).toBe(failed);
    // errorDetail alone is enough.
    expect(reducePull(EMPTY_PULL, {errorDetail: {message: 'boom'}}).error).toBe('boom');
  });

  it('ignores messages without status and marks a stream that ended as done', () => {
    const p = fold(messages.slice(0, 3));
    expect(reducePull(p, {})).toBe(p);
    expect(finishPull(p)).toEqual({...p, done: true});
    const final = fold(messages);
    expect(finishPull(final)).toBe(final);
  });
});
