import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {MachinesMonitor, probeBackoff} from '../../source/store/machines.js';
import type {ProbeResult} from '../../source/docker/probe.js';
import type {HostTarget} from '../../source/docker/types.js';
import {configFile} from '../../source/docker/host-config.js';

function world(hosts: unknown[]) {
  const root = mkdtempSync(path.join(tmpdir(), 'ww-monitor-'));
  const env = {DOCKER_CONFIG: path.join(root, 'docker'), XDG_CONFIG_HOME: path.join(root, 'xdg'), MACHINE_STORAGE_PATH: path.join(root, 'm'), DOCKER_HOST: 'unix:///run/env.sock'};
  mkdirSync(path.dirname(configFile(env, root)), {recursive: true});
  writeFileSync(configFile(env, root), JSON.stringify({hosts}));
  return {env, home: root};
}

/** A probe that answers from a table and records what it was asked, settling only when told. */
function fakeProbe(answers: Record<string, ProbeResult>) {
  const asked: string[] = [];
  const pending: Array<() => void> = [];
  const probe = (target: HostTarget) =>
    new Promise<ProbeResult>((resolve) => {
      asked.push(target.url);
      pending.push(() => resolve(answers[target.url] ?? {state: 'unreachable', reason: 'no such host'}));
    });
  const settle = async () => {
    while (pending.length) pending.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return {probe, asked, settle};
}

describe('MachinesMonitor', () => {
  it('probes every usable host at once, none waiting for another, and marks the active one', async () => {
    const {probe, asked, settle} = fakeProbe({
      'unix:///run/env.sock': {state: 'connected', latencyMs: 1, facts: {id: 'E1', version: '20.10', apiVersion: '1.41', os: 'linux', arch: 'x86_64', cpus: 2, memory: 1, running: 1, stopped: 0, images: 1}},
      'unix:///run/slow.sock': {state: 'timing out', reason: 'no answer'},
    });
    const monitor = new MachinesMonitor({...world([{name: 'slow', url: 'unix:///run/slow.sock'}, {name: 'bad', url: 'nope://'}]), probe, intervalMs: 1000});
    monitor.setActive({name: 'DOCKER_HOST', url: 'unix:///run/env.sock', source: 'DOCKER_HOST'});
    monitor.discover();
    monitor.probeAll(true);
    // Both probes started before either answered; the broken entry is never probed.
    expect(asked).toEqual(['unix:///run/env.sock', 'unix:///run/slow.sock']);
    expect(monitor.getSnapshot().rows.map((r) => [r.entry.name, r.probing, r.active])).toEqual([
      ['DOCKER_HOST', true, true],
      ['slow', true, false],
      ['bad', false, false],
    ]);
    await settle();
    expect(monitor.getSnapshot().rows.map((r) => r.probe?.state)).toEqual(['connected', 'timing out', undefined]);
    // A probe under way is not started twice.
    monitor.probeAll(true);
    monitor.probeAll(true);
    expect(asked.length).toBe(4);
    await settle();
    monitor.stop();
  });

  it('adds a row for a --host target that no source lists', () => {
    const monitor = new MachinesMonitor({...world([]), probe: fakeProbe({}).probe});
    monitor.setActive({name: '/tmp/x.sock', url: 'unix:///tmp/x.sock', source: '--host'});
    monitor.discover();
    expect(monitor.getSnapshot().rows.map((r) => [r.entry.source, r.entry.name, r.active])).toEqual([
      ['flag', '/tmp/x.sock', true],
      ['env', 'DOCKER_HOST', false],
    ]);
  });

  it('backs off for hosts that keep failing, doubling up to five minutes', () => {
    expect([1, 2, 3, 4].map((n) => probeBackoff(15_000, n))).toEqual([15_000, 30_000, 60_000, 120_000]);
    expect(probeBackoff(15_000, 20)).toBe(300_000);
  });

  it('adds and removes hosts in the config file, refusing a config it cannot read', () => {
    const w = world([]);
    const monitor = new MachinesMonitor({...w, probe: fakeProbe({}).probe});
    monitor.addHost({name: 'lab', url: 'tcp://10.0.0.5:2375'});
    expect(monitor.getSnapshot().rows.map((r) => r.entry.name)).toEqual(['DOCKER_HOST', 'lab']);
    monitor.removeHost('lab');
    expect(monitor.getSnapshot().rows.map((r) => r.entry.name)).toEqual(['DOCKER_HOST']);
    writeFileSync(configFile(w.env, w.home), '{oops');
    expect(() => monitor.addHost({name: 'x', url: 'unix:///x.sock'})).toThrow(/^not saved: .*malformed JSON/);
    expect(monitor.getSnapshot().configError).toMatch(/malformed JSON/);
  });
});
