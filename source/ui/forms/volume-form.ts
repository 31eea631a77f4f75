import type {FormSpec} from './form.js';
import {NAME_RE, parseKeyValues, shellWord} from './key-values.js';

/** What the volume form holds. */
export type VolumeFormValues = {name: string; driver: string; labels: string; options: string};

/** The first values of the volume form. */
export const INITIAL_VOLUME_VALUES: VolumeFormValues = {name: '', driver: 'local', labels: '', options: ''};

/** The create call's options from valid form values. */
export function volumeOptions(values: VolumeFormValues) {
  return {
    name: values.name.trim() || undefined,
    driver: values.driver.trim() || undefined,
    labels: parseKeyValues(values.labels, 'label').values,
    driverOpts: parseKeyValues(values.options, 'option').values,
  };
}

/** The volume form (`docker volume create`). */
export const volumeForm: FormSpec<VolumeFormValues> = {
  title: 'Create a volume (docker volume create)',
  submitLabel: 'creates it',
  fields: [
    {id: 'name', label: 'Name', kind: 'text', hint: 'optional; the engine makes one'},
    {id: 'driver', label: 'Driver', kind: 'text', hint: 'local unless a plugin is installed'},
    {id: 'labels', label: 'Labels', kind: 'text', hint: 'e.g. tier=db backup=daily'},
    {id: 'options', label: 'Driver options', kind: 'text', hint: 'e.g. type=tmpfs device=tmpfs o=size=64m'},
  ],
  validate: (values) => {
    const errors: Partial<Record<keyof VolumeFormValues, string>> = {};
    const name = values.name.trim();
    if (name && (name.length < 2 || !NAME_RE.test(name))) errors.name = 'a name is 2 or more of letters, digits, _ . - and starts with a letter or digit';
    if (!values.driver.trim()) errors.driver = 'a driver is needed (local)';
    const labels = parseKeyValues(values.labels, 'label');
    if (labels.error) errors.labels = labels.error;
    const options = parseKeyValues(values.options, 'option');
    if (options.error) errors.options = options.error;
    return errors;
  },
  preview: (values) => {
    const words = ['docker', 'volume', 'create'];
    if (values.driver.trim() && values.driver.trim() !== 'local') words.push('--driver', values.driver.trim());
    for (const [k, v] of Object.entries(parseKeyValues(values.labels, 'label').values)) words.push('--label', shellWord(`${k}=${v}`));
    for (const [k, v] of Object.entries(parseKeyValues(values.options, 'option').values)) words.push('--opt', shellWord(`${k}=${v}`));
    if (values.name.trim()) words.push(shellWord(values.name.trim()));
    return words.join(' ');
  },
};
