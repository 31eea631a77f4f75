/**
 * The files of a build context: the directory walked recursively, as relative paths for
 * dockerode's buildImage({context, src}) (it packs them with tar-fs and drops what the
 * directory's .dockerignore excludes, with the same matcher the docker CLI uses).
 */
import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';

/** Raised before anything is sent when the directory cannot be a build context. */
export class BuildContextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildContextError';
  }
}

/**
 * Every file (and every empty directory, so it survives) under `dir`, relative, with '/' as
 * separator. Symbolic links are listed, not followed (tar-fs packs them as links, as docker does).
 */
export async function listContext(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (relative: string) => {
    const entries = await readdir(path.join(dir, relative), {withFileTypes: true});
    if (entries.length === 0 && relative !== '') out.push(relative);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else out.push(child);
    }
  };
  await walk('');
  return out;
}

/**
 * Checks that `dir` is a directory holding `dockerfile` (default 'Dockerfile', relative to it)
 * and lists it; refuses with one sentence otherwise.
 */
export async function prepareContext(dir: string, dockerfile = 'Dockerfile'): Promise<string[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new BuildContextError(`Cannot build: ${dir} is not a directory`);
  const file = await stat(path.join(dir, dockerfile)).catch(() => undefined);
  if (!file?.isFile()) throw new BuildContextError(`Cannot build: there is no ${dockerfile} in ${dir}`);
  return listContext(dir);
}
