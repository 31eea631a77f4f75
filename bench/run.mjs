// `npm run bench`: bundles bench/bench.ts (it reuses the test suite's private engine and pty
// helpers, which are TypeScript) into dist/bench/ and runs it with the same arguments.
//
//   npm run bench                          N = 0, 50, 200, 1000 on a private engine (root, dockerd)
//   npm run bench -- --containers 50       one N (or a list: --containers 0,50)
//   npm run bench -- --host unix:///path/docker.sock --idle 10
import {build} from 'esbuild';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Two levels below the root, like test/e2e/pty.ts, so its ../../dist/cli.js still points at the build.
const out = `${root}dist/bench/bench.mjs`;
await build({
  entryPoints: [`${root}bench/bench.ts`],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
await import(out);
