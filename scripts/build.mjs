// Bundles cli.tsx into dist/cli.js with esbuild. A bundle starts about twice as fast as tsc output
// (DESIGN.md); dockerode stays external-free but is imported lazily so the first frame comes first.
import {build} from 'esbuild';
import {statSync, readdirSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Newest modification time under the sources, to skip a build that is already current. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export async function bundle({ifNeeded = false} = {}) {
  const out = join(root, 'dist/cli.js');
  if (ifNeeded) {
    try {
      const built = statSync(out).mtimeMs;
      const sources = Math.max(newest(join(root, 'source')), statSync(join(root, 'cli.tsx')).mtimeMs, statSync(join(root, 'package.json')).mtimeMs);
      if (built > sources) return false;
    } catch {}
  }
  await build({
    entryPoints: [join(root, 'cli.tsx')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    // ssh2 and cpu-features carry optional native parts that a bundle cannot hold.
    external: ['cpu-features', 'ssh2'],
    // Ink loads its devtools only when DEV is set; an empty module keeps the bundle free of it.
    plugins: [
      {
        // Ink measures every line of every frame with string-width; ours is several times cheaper
        // on the non-ASCII lines a table has (source/ui/string-width.ts says why).
        name: 'fast-string-width',
        setup(b) {
          const shim = join(root, 'source/ui/string-width.ts');
          b.onResolve({filter: /^string-width$/}, (args) => (args.importer === shim ? undefined : {path: shim}));
        },
      },
      {
        // Ink makes a new Output, with empty caches, for every frame, so each frame tokenizes every
        // line into styled characters again although most lines did not change. One cache for all
        // frames (emptied when it grows) keeps that work to the lines that changed. The cached
        // arrays are only read by Output.get, never changed.
        name: 'ink-shared-output-caches',
        setup(b) {
          b.onLoad({filter: /[\\/]ink[\\/]build[\\/]output\.js$/}, async (args) => {
            const source = await readFile(args.path, 'utf8');
            const patched = source.replace('caches = new OutputCaches();', 'caches = sharedCaches();');
            if (patched === source) throw new Error('ink-shared-output-caches: Ink\'s output.js changed; look at the patch again');
            const shared = `
let __wwCaches;
function sharedCaches() {
  if (!__wwCaches || __wwCaches.styledChars.size + __wwCaches.widths.size > 5000) __wwCaches = new OutputCaches();
  return __wwCaches;
}
`;
            return {contents: patched + shared, loader: 'js'};
          });
        },
      },
      {
        name: 'no-devtools',
        setup(b) {
          b.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'devtools', namespace: 'empty'}));
          b.onLoad({filter: /.*/, namespace: 'empty'}, () => ({contents: 'export default {connectToDevTools() {}};'}));
        },
      },
    ],
    banner: {
      js: "#!/usr/bin/env node\nimport {createRequire as __wwRequire} from 'node:module'; const require = __wwRequire(import.meta.url);",
    },
    // React and its reconciler in production mode: development mode checks every element and
    // keeps stacks, which cost CPU on each render and memory.
    define: {'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"'},
    logLevel: 'warning',
  });
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await bundle({ifNeeded: process.argv.includes('--if-needed')});
}
