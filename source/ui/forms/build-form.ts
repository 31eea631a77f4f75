import {existsSync, statSync} from 'node:fs';
import {join, resolve} from 'node:path';
import type {FormSpec} from './form.js';
import {parseKeyValues, shellWord} from './key-values.js';

/** What the build form holds. */
export type BuildFormValues = {directory: string; dockerfile: string; tag: string; buildArgs: string; labels: string};

/** The first values of the build form: the directory whalewatch was started in. */
export function initialBuildValues(cwd: string): BuildFormValues {
  return {directory: cwd, dockerfile: 'Dockerfile', tag: '', buildArgs: '', labels: ''};
}

/** Why `reference` is not a tag a build can take, or undefined. */
export function tagError(reference: string): string | undefined {
  if (/\s/.test(reference)) return 'a tag has no spaces';
  if (!/^[a-z0-9]+(?:[._\/:-][a-zA-Z0-9]+)*(?::[\w][\w.-]{0,127})?$/.test(reference)) return `${reference} is not a valid reference (repository[:tag], lower case)`;
  return undefined;
}

/** The build call's options from valid values. */
export function buildOptions(values: BuildFormValues) {
  return {
    tag: values.tag.trim() || undefined,
    dockerfile: values.dockerfile.trim() || 'Dockerfile',
    buildArgs: parseKeyValues(values.buildArgs, 'build arg').values,
    labels: parseKeyValues(values.labels, 'label').values,
  };
}

/** The build form (`docker build`). Checks the directory and its Dockerfile before any call. */
export const buildForm: FormSpec<BuildFormValues> = {
  title: 'Build an image (docker build)',
  submitLabel: 'builds it',
  fields: [
    {id: 'directory', label: 'Directory', kind: 'text', hint: 'the build context'},
    {id: 'dockerfile', label: 'Dockerfile', kind: 'text', hint: 'inside the directory'},
    {id: 'tag', label: 'Tag (-t)', kind: 'text', hint: 'e.g. myapp:dev'},
    {id: 'buildArgs', label: 'Build args', kind: 'text', hint: 'e.g. VERSION=1.2 MODE=dev'},
    {id: 'labels', label: 'Labels', kind: 'text', hint: 'e.g. team=web'},
  ],
  validate: (values) => {
    const errors: Partial<Record<keyof BuildFormValues, string>> = {};
    const dir = resolve(values.directory.trim() || '.');
    if (!existsSync(dir) || !statSync(dir).isDirectory()) errors.directory = `${dir} is not a directory`;
    else if (!existsSync(join(dir, values.dockerfile.trim() || 'Dockerfile'))) errors.dockerfile = `no ${values.dockerfile.trim() || 'Dockerfile'} in ${dir}`;
    const tag = values.tag.trim();
    if (tag) {
      const error = tagError(tag);
      if (error) errors.tag = error;
    }
    const args = parseKeyValues(values.buildArgs, 'build arg');
    if (args.error) errors.buildArgs = args.error;
    const labels = parseKeyValues(values.labels, 'label');
    if (labels.error) errors.labels = labels.error;
    return errors;
  },
  preview: (values) => {
    const words = ['docker', 'build'];
    if (values.tag.trim()) words.push('-t', shellWord(values.tag.trim()));
    if (values.dockerfile.trim() && values.dockerfile.trim() !== 'Dockerfile') words.push('-f', shellWord(values.dockerfile.trim()));
    for (const [k, v] of Object.entries(parseKeyValues(values.buildArgs, 'build arg').values)) words.push('--build-arg', shellWord(`${k}=${v}`));
    for (const [k, v] of Object.entries(parseKeyValues(values.labels, 'label').values)) words.push('--label', shellWord(`${k}=${v}`));
    words.push(shellWord(values.directory.trim() || '.'));
    return words.join(' ');
  },
};
