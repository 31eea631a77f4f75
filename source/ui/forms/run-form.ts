import {dockerRunLine, parseRunFields, type RunFields} from '../../docker/run-spec.js';
import type {FormSpec} from './form.js';

/** The mode choice, as the form shows it. */
export const MODES = ['detached (-d)', 'interactive (-it)'] as const;
/** The network choice that leaves the engine's default. */
export const DEFAULT_NETWORK = '(default)';

/** The run form's values: RunFields as strings, the mode and network as choices. */
export type RunFormValues = Omit<Record<keyof RunFields, string>, 'interactive'> & {mode: string};

/** RunFields from what the form holds. */
export function toRunFields(values: RunFormValues): RunFields {
  const {mode, ...rest} = values;
  return {...rest, interactive: mode === MODES[1], network: values.network === DEFAULT_NETWORK ? '' : values.network};
}

/** The first values of a run form for `image`. */
export function initialRunValues(image: string): RunFormValues {
  return {image, name: '', mode: MODES[0], ports: '', volumes: '', env: '', labels: '', command: '', restart: '', network: DEFAULT_NETWORK};
}

/** The run form (`docker run`), with the networks the engine has as choices. */
export function runForm(networks: readonly string[]): FormSpec<RunFormValues> {
  return {
    title: 'Run a container (docker run)',
    submitLabel: 'runs it',
    fields: [
      {id: 'image', label: 'Image', kind: 'text'},
      {id: 'name', label: 'Name', kind: 'text', hint: 'optional; the engine picks one'},
      {id: 'mode', label: 'Mode', kind: 'choice', choices: MODES},
      {id: 'ports', label: 'Ports (-p)', kind: 'text', hint: 'e.g. 8080:80 127.0.0.1:5353:53/udp'},
      {id: 'volumes', label: 'Volumes (-v)', kind: 'text', hint: 'e.g. data:/data /srv/www:/www:ro'},
      {id: 'env', label: 'Environment (-e)', kind: 'text', hint: 'e.g. MODE=prod GREETING="hello there"'},
      {id: 'labels', label: 'Labels (-l)', kind: 'text', hint: 'e.g. tier=front'},
      {id: 'command', label: 'Command', kind: 'text', hint: "optional; the image's own otherwise"},
      {id: 'restart', label: 'Restart', kind: 'text', hint: 'no, always, unless-stopped or on-failure[:N]'},
      {id: 'network', label: 'Network', kind: 'choice', choices: [DEFAULT_NETWORK, ...networks]},
    ],
    validate: (values) => parseRunFields(toRunFields(values)).errors,
    preview: (values) => dockerRunLine(toRunFields(values)),
  };
}
