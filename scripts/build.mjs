// Bundles cli.tsx into dist/cli.js with esbuild. A bundle starts about twice as fast as tsc output
// (DESIGN.md); dockerode stays external-free but is imported lazily so the first frame comes first.
import {build} from 'esbuild';
import {statSync, readdirSync} from 'node:fs';
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
    // React and Ink pick their development builds unless NODE_ENV says production: those check
    // and warn on every render (slower, and their warnings are not for users).
    define: {'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"'},
    logLevel: 'warning',
  });
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await bundle({ifNeeded: process.argv.includes('--if-needed')});
}
