import {describe, expect, it} from 'vitest';
import {buildRows, fitColumns, followSelection} from '../../source/panes/list.js';
import {containersPane, type ContainerRow} from '../../source/panes/containers.js';
import type {Container} from '../../source/docker/types.js';

const base: Container = {id: '', name: '', image: 'busybox', state: 'running', health: undefined, status: 'Up 1 minute', created: 1_700_000_000, ports: [], labels: {}, imageId: '', mounts: [], networks: []};
const row = (over: Partial<Container>, cpu?: number): ContainerRow => ({
  container: {...base, ...over},
  stats: cpu === undefined ? undefined : {cpuPercent: cpu, memUsage: 1, memLimit: 2, memPercent: 50, netRx: 0, netTx: 0, blockRead: 0, blockWrite: 0, pids: 1},
});
const rows = [
  row({id: 'a', name: 'web-10', labels: {'com.docker.compose.project': 'shop', tier: 'front'}, project: 'shop'}, 5),
  row({id: 'b', name: 'web-2', labels: {'com.docker.compose.project': 'shop'}, project: 'shop'}, 50),
  row({id: 'c', name: 'db', image: 'postgres:16'}, 1),
  row({id: 'd', name: 'cache', image: 'redis', state: 'exited'}),
];
const context = {nowSeconds: 1_700_000_100};
const options = {filter: '', sort: {column: 'name', descending: false}, folded: new Set<string>()};

describe('buildRows', () => {
  it('puts compose projects first under a header, sorted naturally, then the loose rows', () => {
    const out = buildRows(containersPane, rows, options, context);
    expect(out.map((r) => r.key)).toEqual(['group:shop', 'b', 'a', 'd', 'c']);
    expect(out[0]).toMatchObject({kind: 'group', count: 2, folded: false});
  });

  it('folds a group to its header', () => {
    const out = buildRows(containersPane, rows, {...options, folded: new Set(['shop'])}, context);
    expect(out.map((r) => r.key)).toEqual(['group:shop', 'd', 'c']);
  });

  it('filters on name, image, compose project and labels, case-insensitively', () => {
    const keys = (filter: string) => buildRows(containersPane, rows, {...options, filter}, context).filter((r) => r.kind === 'item').map((r) => r.key);
    expect(keys('DB')).toEqual(['c']);
    expect(keys('postgres')).toEqual(['c']);
    expect(keys('shop')).toEqual(['b', 'a']);
    expect(keys('tier=front')).toEqual(['a']);
    expect(keys('nothing-like-this')).toEqual([]);
  });

  it('sorts by a numeric column either way, rows without stats last when descending', () => {
    const keys = (descending: boolean) => buildRows(containersPane, rows, {...options, sort: {column: 'cpu', descending}}, context).map((r) => r.key);
    expect(keys(true)).toEqual(['group:shop', 'b', 'a', 'c', 'd']);
    expect(keys(false)).toEqual(['group:shop', 'a', 'b', 'd', 'c']);
  });
});

describe('followSelection', () => {
  const out = buildRows(containersPane, rows, options, context);
  it('stays on the same key when rows move', () => {
    expect(followSelection(out, 'c', 0)).toBe(4);
  });
  it('hands the selection to the neighbour when the row is gone', () => {
    expect(followSelection(out, 'gone', 3)).toBe(3);
    expect(followSelection(out, 'gone', 99)).toBe(4);
    expect(followSelection([], 'x', 3)).toBe(0);
  });
});

describe('fitColumns', () => {
  it('fills the width exactly and keeps name and state even at 60 columns', () => {
    for (const width of [60, 80, 120, 200]) {
      const fitted = fitColumns(containersPane, width);
      const used = fitted.reduce((sum, f) => sum + f.width, 0) + fitted.length - 1;
      expect(used, String(width)).toBe(width);
      expect(fitted.map((f) => f.column.id)).toEqual(expect.arrayContaining(['name', 'state']));
    }
    expect(fitColumns(containersPane, 200).length).toBe(containersPane.columns.length);
    expect(fitColumns(containersPane, 80).map((f) => f.column.id)).toContain('cpu');
  });
});
