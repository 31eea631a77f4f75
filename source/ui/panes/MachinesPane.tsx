import React, {useEffect, useMemo, useSyncExternalStore} from 'react';
import {Box, Text} from 'ink';
import {truncate} from '../../format/cells.js';
import {machinesPane, machineStateText} from '../../panes/machines.js';
import type {MachineRow} from '../../store/machines.js';
import {envScript} from '../../docker/machines.js';
import {sanitize} from '../../format/sanitize.js';
import {formatBytes} from '../../format/bytes.js';
import {ResourceList, type PaneProps} from '../ResourceList.js';
import type {ListRow} from '../../panes/list.js';
import {useServices, type Services} from '../services.js';
import type {ViewLine} from '../views/TextView.js';
import {FormView} from '../forms/FormView.js';
import {addedHostOf, hostForm, INITIAL_HOST_VALUES} from '../forms/host-form.js';
import {AllHostsView} from '../views/AllHostsView.js';
import {openMachineLifecycle} from './machine-lifecycle.js';

/** The details of one host: where it is, its state, its engine, and its environment. */
export function machineDetails(row: MachineRow): ViewLine[] {
  const {entry, probe} = row;
  const lines: string[] = [
    `Name:     ${entry.name}${row.active ? '   (active: every pane shows this host)' : ''}`,
    `Source:   ${entry.source}${entry.driver ? ` (driver ${entry.driver})` : ''}`,
    `URL:      ${entry.url || '—'}   (docker-machine url)`,
    `IP:       ${entry.ip ?? '—'}   (docker-machine ip)`,
    `TLS:      ${entry.target?.tls ? (entry.target.tls.verify ? 'on, server verified' : 'on, server NOT verified') : 'off'}`,
    `State:    ${machineStateText(row)}`,
  ];
  if (probe?.state === 'connected') {
    const f = probe.facts;
    lines.push(
      `Engine:   Docker ${f.version} (API ${f.apiVersion})`,
      `OS/arch:  ${f.operatingSystem ?? f.os} ${f.os}/${f.arch}`,
      `CPUs:     ${f.cpus}   Memory: ${formatBytes(f.memory)}`,
      `Containers: ${f.running} running, ${f.stopped} stopped   Images: ${f.images}`,
      `Ping:     ${probe.latencyMs.toFixed(1)} ms`,
    );
  }
  lines.push('', 'Environment (docker-machine env; c in the list copies it):', ...envScript(entry.env).split('\n'));
  return lines.map((text) => ({text: sanitize(text)}));
}

function openAddForm(services: Services) {
  // Made once: a new spec on every render would give the form a new editor each time (a loop).
  const spec = hostForm(services.machines.addedHosts().map((h) => h.name));
  services.openView(
    (props) => (
      <FormView
        spec={spec}
        initial={INITIAL_HOST_VALUES}
        onSubmit={async (values) => {
          try {
            services.machines.addHost(addedHostOf(values));
          } catch (error) {
            return (error as Error).message;
          }
          services.closeView();
          services.toast('done', `host ${sanitize(values.name.trim())} added`);
        }}
        {...props}
      />
    ),
    ['form'],
  );
}

/** The Machines pane: every Docker host, probed in the background; use, add, remove, copy env. */
export function MachinesPane(props: PaneProps) {
  const {width, height} = props;
  const services = useServices();
  const {machines} = services;
  const snapshot = useSyncExternalStore(machines.subscribe, machines.getSnapshot);
  // Probing runs only while the pane shows: opening it reads every source and probes at once.
  useEffect(() => {
    machines.setVisible(true);
    return () => machines.setVisible(false);
  }, [machines]);
  const items = useMemo(() => snapshot.rows, [snapshot.rows]);

  const onCommand = (id: string, selected: ListRow<MachineRow> | undefined) => {
    if (id === 'machines.refresh') {
      machines.discover();
      return machines.probeAll(true);
    }
    if (id === 'machines.add') return openAddForm(services);
    if (id === 'machines.allContainers') {
      const hosts = machines.reachableHosts();
      return services.openView((props) => <AllHostsView hosts={hosts} list={() => machines.listAllContainers(hosts)} {...props} />, ['allHosts', 'list', 'global']);
    }
    const row = selected?.kind === 'item' ? selected.row : undefined;
    if (id === 'machines.lifecycle') return openMachineLifecycle(services, row);
    if (!row) return false;
    const name = sanitize(row.entry.name);
    switch (id) {
      case 'list.open':
      case 'list.inspect':
        return services.openText(`host ${name}`, machineDetails(row));
      case 'machines.use':
        if (!row.entry.target) return void services.toast('error', `${name} cannot be used: ${sanitize(row.entry.error ?? 'broken entry')}`);
        if (row.active) return void services.toast('done', `${name} is the active host already`);
        return services.switchHost(row.entry.target, row.entry.key);
      case 'machines.copyEnv':
        return services.copyText(envScript(row.entry.env), `the environment of ${name}`);
      case 'machines.remove':
        if (row.entry.source !== 'added') {
          return void services.toast('error', `${name} comes from ${row.entry.source === 'context' ? 'a Docker context (docker context rm)' : row.entry.source === 'machine' ? 'docker-machine (m, then rm)' : 'the environment'}; only hosts added here can be removed here`);
        }
        return services.confirm(`Remove the added host ${name} from ${sanitize(snapshot.configFile)}?`, () => {
          try {
            machines.removeHost(row.entry.name);
            services.toast('done', `host ${name} removed`);
          } catch (error) {
            services.toast('error', (error as Error).message);
          }
        });
    }
    return false;
  };

  const empty = snapshot.rows.length === 0 ? 'Looking for Docker hosts…' : '';
  return (
    <Box flexDirection="column" height={height}>
      {snapshot.configError ? <Text color="red" wrap="truncate">{truncate(sanitize(`${snapshot.configError}: added hosts are not shown, and nothing is written to it`), width)}</Text> : null}
    <ResourceList
      {...props}
      pane={machinesPane}
      items={items}
      height={snapshot.configError ? height - 1 : height}
      scope="machines"
      onCommand={onCommand}
      empty={empty}
    />
    </Box>
  );
}
