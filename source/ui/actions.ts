import type {Container} from '../docker/types.js';
import type {Engine} from '../docker/engine.js';

/** An inline action on a container: what it says while working, when done, and the call. */
export type ContainerAction = {
  /** "stopping" */
  working: string;
  /** "stopped" */
  done: string;
  /** Asks before running (kill, remove). */
  confirm?: string;
  run(engine: Engine, container: Container, options: {volumes: boolean}): Promise<unknown>;
};

/** The container actions by command id; the keymap table names the keys. */
export const CONTAINER_ACTIONS: Record<string, (container: Container) => ContainerAction> = {
  'containers.start': () => ({working: 'starting', done: 'started', run: (e, c) => e.start(c.id)}),
  'containers.stop': () => ({working: 'stopping', done: 'stopped', run: (e, c) => e.stop(c.id)}),
  'containers.restart': () => ({working: 'restarting', done: 'restarted', run: (e, c) => e.restart(c.id)}),
  'containers.pause': (c) =>
    c.state === 'paused'
      ? {working: 'unpausing', done: 'unpaused', run: (e) => e.unpause(c.id)}
      : {working: 'pausing', done: 'paused', run: (e) => e.pause(c.id)},
  'containers.kill': () => ({working: 'killing', done: 'killed', confirm: 'Kill', run: (e, c) => e.kill(c.id)}),
  'containers.remove': (c) => ({
    working: 'removing',
    done: 'removed',
    confirm: c.state === 'running' || c.state === 'paused' || c.state === 'restarting' ? 'Remove (forced, it is running)' : 'Remove',
    run: (e, container, options) => e.remove(container.id, {force: true, volumes: options.volumes}),
  }),
};
