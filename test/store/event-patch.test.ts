import {describe, expect, it} from 'vitest';
import {patchFromEvent} from '../../source/store/event-patch.js';
import type {Container, EngineEvent} from '../../source/docker/types.js';

const container: Container = {
  id: 'abc', name: 'web', image: 'nginx', state: 'running', health: 'healthy', status: 'Up 5 minutes (healthy)', created: 1_700_000_000,
  startedAt: 1_700_000_100, ports: [], labels: {}, imageId: 'sha256:1', mounts: [], networks: [],
};
const event = (action: string, attributes: Record<string, string> = {}): EngineEvent => ({type: 'container', action, id: 'abc', attributes, timeNano: 1_700_000_400 * 1e9});

describe('patchFromEvent: what a container event says about its row at once', () => {
  it('takes the new name of a rename (the engine sends it with a slash or without)', () => {
    expect(patchFromEvent(container, event('rename', {name: 'web-2', oldName: '/web'}))?.name).toBe('web-2');
    expect(patchFromEvent(container, event('rename', {name: '/web-3'}))?.name).toBe('web-3');
    expect(patchFromEvent(container, event('rename'))).toBeUndefined();
  });

  it('marks a container that died as exited, with its exit code, and drops its health and start time', () => {
    const died = patchFromEvent(container, event('die', {exitCode: '137'}))!;
    expect(died).toMatchObject({state: 'exited', status: 'Exited (137) Less than a second ago', health: undefined, startedAt: undefined});
  });

  it('marks a start as running from the event time, and pause/unpause as docker shows them', () => {
    const stopped = {...container, state: 'exited' as const, startedAt: undefined, status: 'Exited (0) 1 minute ago'};
    expect(patchFromEvent(stopped, event('start'))).toMatchObject({state: 'running', startedAt: 1_700_000_400});
    const paused = patchFromEvent(container, event('pause'))!;
    expect(paused).toMatchObject({state: 'paused', status: 'Up 5 minutes (healthy) (Paused)'});
    expect(patchFromEvent(paused, event('unpause'))).toMatchObject({state: 'running', status: 'Up 5 minutes (healthy)'});
  });

  it('leaves other events to the read that follows them', () => {
    expect(patchFromEvent(container, event('exec_start: sh'))).toBeUndefined();
    expect(patchFromEvent(container, event('health_status: unhealthy'))).toBeUndefined();
  });
});
