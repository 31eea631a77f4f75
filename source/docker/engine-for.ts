import type {HostTarget} from './types.js';
import {createDocker} from './client.js';
import {Engine} from './engine.js';

/**
 * An engine client for a host other than the active one (the all-hosts view acts on the host a
 * row belongs to), with the same read-only guard as the active host's.
 */
export async function engineFor(target: HostTarget, readOnly: boolean): Promise<Engine> {
  return new Engine(await createDocker(target), readOnly);
}
