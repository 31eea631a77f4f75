import type {Container, EngineEvent} from '../docker/types.js';

/**
 * What a container event says about the row at once, before the container is read again: the
 * new name of a rename, the state after die, start, pause or unpause. The store shows this
 * patch in the next frame and replaces it with the engine's own list entry a moment later (the
 * read that follows every event), so the screen answers an event without waiting for a request.
 * Returns undefined when the event carries nothing to patch. Names are raw engine text.
 */
export function patchFromEvent(container: Container, event: EngineEvent): Container | undefined {
  const action = event.action.split(':')[0];
  const seconds = Math.floor(event.timeNano / 1e9) || Math.floor(Date.now() / 1000);
  switch (action) {
    case 'rename':
      return event.attributes.name ? {...container, name: event.attributes.name.replace(/^\//, '')} : undefined;
    case 'die': {
      const code = event.attributes.exitCode;
      return {...container, state: 'exited', health: undefined, startedAt: undefined, status: `Exited${code === undefined ? '' : ` (${code})`} Less than a second ago`};
    }
    case 'start':
      return {...container, state: 'running', startedAt: seconds, status: 'Up Less than a second'};
    case 'pause':
      return {...container, state: 'paused', startedAt: undefined, status: `${container.status.replace(/ \(Paused\)$/, '')} (Paused)`};
    case 'unpause':
      return container.state === 'paused' ? {...container, state: 'running', status: container.status.replace(/ \(Paused\)$/, '')} : undefined;
    default:
      return undefined;
  }
}
