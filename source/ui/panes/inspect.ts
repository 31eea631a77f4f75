import {describeError} from '../../docker/errors.js';
import type {Engine} from '../../docker/engine.js';
import type {Services} from '../services.js';
import {jsonLines} from '../details.js';
import {hasSecrets, maskSecrets} from '../../format/secrets.js';

/** Opens the inspect JSON of anything the engine can inspect, or says in a toast why not. */
export async function openInspect(services: Services, title: string, read: (engine: Engine) => Promise<unknown>): Promise<void> {
  const engine = services.store.engine;
  if (!engine) return;
  try {
    const doc = await read(engine);
    // Images carry Env too: secret-looking values stay masked until S reveals them.
    services.openText(title, jsonLines(maskSecrets(doc)), hasSecrets(doc) ? jsonLines(doc) : undefined);
  } catch (error) {
    services.toast('error', `${title}: ${describeError(error)}`);
  }
}
