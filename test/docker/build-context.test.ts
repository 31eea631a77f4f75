import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {BuildContextError, listContext, prepareContext} from '../../source/docker/build-context.js';

const dirs: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ww-context-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, {recursive: true, force: true})));

describe('build context', () => {
  it('lists every file recursively, relative, sorted; keeps empty directories and links', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    mkdirSync(path.join(dir, 'a/b'), {recursive: true});
    writeFileSync(path.join(dir, 'a/b/c.txt'), 'c');
    mkdirSync(path.join(dir, 'empty'));
    symlinkSync('a/b/c.txt', path.join(dir, 'link'));
    expect(await listContext(dir)).toEqual(['Dockerfile', 'a/b/c.txt', 'empty', 'link']);
  });

  it('lists the build fixture (its .dockerignore is applied by dockerode when packing)', async () => {
    expect(await listContext(fileURLToPath(new URL('../fixtures/build', import.meta.url)))).toEqual(['.dockerignore', 'Dockerfile', 'ignored.txt', 'sub/data.txt']);
  });

  it('refuses a directory without its Dockerfile, or no directory, in one sentence', async () => {
    const dir = tmp();
    await expect(prepareContext(dir)).rejects.toThrow(new BuildContextError(`Cannot build: there is no Dockerfile in ${dir}`));
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    expect(await prepareContext(dir)).toEqual(['Dockerfile']);
    await expect(prepareContext(dir, 'prod.Dockerfile')).rejects.toThrow(`Cannot build: there is no prod.Dockerfile in ${dir}`);
    await expect(prepareContext(path.join(dir, 'Dockerfile'))).rejects.toThrow(`Cannot build: ${path.join(dir, 'Dockerfile')} is not a directory`);
  });
});
