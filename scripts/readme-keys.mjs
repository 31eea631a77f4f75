// Rewrites the key table in readme.md from the keymap table (a test checks that they agree).
// Node 20 cannot import TypeScript, so esbuild bundles the generator in memory first.
import {build} from 'esbuild';
import {readFileSync, writeFileSync} from 'node:fs';

const {outputFiles} = await build({
  stdin: {contents: "export {withKeyTable} from './source/keymap/markdown.ts';", resolveDir: process.cwd(), loader: 'ts'},
  bundle: true, write: false, format: 'esm', platform: 'node',
});
const {withKeyTable} = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
const path = new URL('../readme.md', import.meta.url);
writeFileSync(path, withKeyTable(readFileSync(path, 'utf8')));
console.log('readme.md: key table rewritten from source/keymap/keymap.ts');
