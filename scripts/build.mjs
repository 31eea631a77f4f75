// Bundles cli.tsx into dist/cli.js (+ dist/chunks/) with esbuild. A bundle starts about twice as fast as tsc output
// (DESIGN.md); dockerode is imported lazily and lives in its own chunk, so the first frame comes first.
import {build} from 'esbuild';
import {statSync, readdirSync, rmSync} from 'node:fs';
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
  // Chunk names carry a hash: drop the old ones so dist/ holds one build.
  rmSync(join(root, 'dist/chunks'), {recursive: true, force: true});
  await build({
    entryPoints: [join(root, 'cli.tsx')],
    // dockerode (with gRPC and protobuf for BuildKit) is most of the bundle and is imported lazily
    // (source/docker/client.ts): split into its own chunk, it is not even parsed before the first
    // frame. dist/cli.js stays the entry.
    outdir: join(root, 'dist'),
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
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
        // Ink builds every frame from scratch: a new Output with empty caches (so every line is
        // tokenized into styled characters again although most did not change), a new object per
        // blank cell, and a style diff per character when joining a line. These patches keep the
        // same output and make a frame several times cheaper (bench: frames are most of our idle
        // CPU). The cached and shared objects are only read, never changed, by Output.get.
        name: 'cheaper-ink-frames',
        setup(b) {
          const patch = (filter, replacements, extra = '') =>
            b.onLoad({filter}, async (args) => {
              let source = await readFile(args.path, 'utf8');
              for (const [from, to] of replacements) {
                if (!source.includes(from)) throw new Error(`cheaper-ink-frames: ${args.path} changed; look at the patch again`);
                source = source.replace(from, to);
              }
              return {contents: source + extra, loader: 'js'};
            });
          patch(
            /[\\/]ink[\\/]build[\\/]output\.js$/,
            [
              ['caches = new OutputCaches();', 'caches = sharedCaches();'],
              ["row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });", 'row.push(BLANK);'],
            ],
            `
const BLANK = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});
let __wwCaches;
function sharedCaches() {
  // A frame has ~40 lines: 200 keeps the lines on screen, and lines that changed do not pile up
  // (each holds an object per character).
  if (!__wwCaches || __wwCaches.styledChars.size > 200 || __wwCaches.widths.size + __wwCaches.blockWidths.size > 2000) __wwCaches = new OutputCaches();
  return __wwCaches;
}
`,
          );
          patch(
            /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/,
            [['ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));', 'if (!sameStyles(chars[i - 1].styles, char.styles)) ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));']],
            `
// Equal styles have an empty diff: most neighbouring characters share them.
function sameStyles(a, b) {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].code !== b[i].code || a[i].endCode !== b[i].endCode) return false;
  return true;
}
`,
          );
        },
      },
      {
        // yoga's Emscripten loader fetch()es its own base64 data: URL whenever fetch exists, and
        // the first fetch loads node's undici (≈ 50–80 ms of start-up and its heap). Decoded
        // directly, as it does where fetch is missing, the bytes are the same.
        name: 'yoga-without-fetch',
        setup(b) {
          b.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async (args) => {
            const from = 'w||"function"!=typeof fetch?Promise.resolve()';
            const source = await readFile(args.path, 'utf8');
            if (!source.includes(from)) throw new Error(`yoga-without-fetch: ${args.path} changed; look at the patch again`);
            return {contents: source.replace(from, 'true?Promise.resolve()'), loader: 'js'};
          });
        },
      },
      {
        // docker-modem requires ssh2 (and through it the cpu-features addon) when it loads, for
        // ssh:// hosts only: 12.7 MB of RSS and ≈ 0.3 s just after the first frame, whatever the
        // host. Required when an ssh connection is made instead.
        name: 'ssh2-on-demand',
        setup(b) {
          b.onLoad({filter: /[\\/]docker-modem[\\/]lib[\\/]ssh\.js$/}, async (args) => {
            let source = await readFile(args.path, 'utf8');
            for (const [from, to] of [
              ["var Client = require('ssh2').Client,\n  http = require('http');", "var http = require('http');"],
              ['var conn = new Client();', "var conn = new (require('ssh2').Client)();"],
            ]) {
              if (!source.includes(from)) throw new Error(`ssh2-on-demand: ${args.path} changed; look at the patch again`);
              source = source.replace(from, to);
            }
            return {contents: source, loader: 'js'};
          });
        },
      },
      {
        // dockerode loads gRPC and protobuf for BuildKit sessions (builds with version "2"), which
        // we never ask for (our builds use the classic builder): left out, the docker chunk loads
        // faster and takes less memory. Asking for one fails with a sentence instead.
        name: 'no-buildkit-session',
        setup(b) {
          b.onResolve({filter: /^\.\/session$/}, (args) => (/[\\/]dockerode[\\/]lib[\\/]docker\.js$/.test(args.importer) ? {path: 'session', namespace: 'no-session'} : undefined));
          b.onLoad({filter: /.*/, namespace: 'no-session'}, () => ({
            contents: "module.exports = function withSession(docker, auth, handler) { handler(new Error('BuildKit builds are not part of whalewatch')); };",
            loader: 'js',
          }));
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
    // --liftoff-only, set before Ink instantiates yoga's WebAssembly: yoga stays on V8's baseline
    // compiler instead of being compiled again by TurboFan in the background once hot. Layout is a
    // small part of a frame; A/B at 1,000 containers: peak RSS 92.0 -> 87.1 MB, CPU to the first
    // frame 630 -> 410 ms, idle CPU 1.4 -> 1.2 % (medians of 4). Wasm flags are read when a
    // module is compiled, so setting it from here works (a heap flag would not).
    banner: {
      js: "#!/usr/bin/env node\nimport {createRequire as __wwRequire} from 'node:module'; const require = __wwRequire(import.meta.url);\nimport {setFlagsFromString as __wwV8Flags} from 'node:v8'; __wwV8Flags('--liftoff-only');",
    },
    // React and its reconciler in production mode: development mode checks every element and
    // keeps stacks, which cost CPU on each render and memory.
    define: {'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"'},
    logLevel: 'warning',
    // Without whitespace and comments the bundle is a quarter smaller and ASCII only (a comment's
    // "…" made V8 hold the whole source as UTF-16, twice its size): faster to parse and ≈ 15 MB
    // less peak RSS at 50 containers. Names are kept, so a stack in the log still reads.
    minifyWhitespace: true,
    minifySyntax: true,
  });
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await bundle({ifNeeded: process.argv.includes('--if-needed')});
}
