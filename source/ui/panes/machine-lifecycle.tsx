import React, {useEffect, useState} from 'react';
import {findOnPath, MACHINE_COMMANDS, machineArgs, NO_DOCKER_MACHINE, runDockerMachine, type MachineCommand} from '../../docker/docker-machine.js';
import {sanitize} from '../../format/sanitize.js';
import type {MachineRow} from '../../store/machines.js';
import type {Services, ViewProps} from '../services.js';
import {TextView, type ViewLine} from '../views/TextView.js';

/** The output of one docker-machine run, followed as it comes. */
function MachineRunView({binary, args, onDone, ...props}: ViewProps & {binary: string; args: string[]; onDone(): void}) {
  const [lines, setLines] = useState<ViewLine[]>([]);
  const [status, setStatus] = useState('running');
  useEffect(() => {
    const run = runDockerMachine(
      binary,
      args,
      (line, stream) => setLines((all) => [...all, {text: sanitize(line), stream}]),
      (code, error) => {
        setStatus(error ? `failed: ${sanitize(error)}` : `exit ${code ?? '?'}`);
        onDone();
      },
    );
    return () => run.cancel();
  }, []);
  return <TextView title={`docker-machine ${sanitize(args.join(' '))}`} lines={lines} follow status={status} {...props} />;
}

/**
 * `m` in the Machines pane: asks which docker-machine command to run on the selected machine
 * (or a name for create) and streams its output; without the binary, says so plainly.
 */
export function openMachineLifecycle(services: Services, row: MachineRow | undefined): void {
  const binary = findOnPath('docker-machine');
  if (!binary) return services.openText('docker-machine', [{text: NO_DOCKER_MACHINE}]);
  const machine = row?.entry.source === 'machine' ? row.entry.name : undefined;
  const choices = machine ? MACHINE_COMMANDS.join(', ') : 'create';
  services.prompt(`docker-machine command for ${machine ? sanitize(machine) : 'a new machine'} (${choices})`, machine ? 'start' : 'create', (answer) => {
    const [word = '', name = machine ?? ''] = answer.trim().split(/\s+/);
    if (!(MACHINE_COMMANDS as readonly string[]).includes(word)) return void services.toast('error', `not a docker-machine command here: ${sanitize(word)} (${MACHINE_COMMANDS.join(', ')})`);
    if (!name) return void services.toast('error', `docker-machine ${word} needs a machine name`);
    const args = machineArgs(word as MachineCommand, name);
    services.openView(
      (props) => <MachineRunView binary={binary} args={args} onDone={() => services.machines.probeAll(true)} {...props} />,
      ['text', 'global'],
    );
  }, 'runs it');
}
