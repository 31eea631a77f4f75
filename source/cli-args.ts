/**
 * The command line, read with node:util's parseArgs. meow did this before; with its
 * dependencies it was a fifth of the bundle and ≈ 40 ms of every start (bench: readme,
 * Benchmark), for five flags. Same behaviour: unknown flags are ignored, --no-ascii negates
 * --ascii, --help and --version alone print and leave.
 */
import {parseArgs} from 'node:util';
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

/** The flags whalewatch takes. An unset --ascii stays undefined, so TERM can decide. */
export type CliFlags = {host?: string; context?: string; readOnly: boolean; ascii?: boolean; printEnv: boolean};

/** What the command line asks for: to run with flags, to print something and leave, or an error. */
export type CliRequest = {run: CliFlags} | {print: 'help' | 'version'} | {error: string};

const STRING_FLAGS = {host: 'H', context: 'c'} as const;

/** Reads `argv` (without node and the script). */
export function parseCli(argv: readonly string[]): CliRequest {
  if (argv.length === 1 && argv[0] === '--help') return {print: 'help'};
  if (argv.length === 1 && argv[0] === '--version') return {print: 'version'};
  const {values} = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: {
      host: {type: 'string', short: 'H'},
      context: {type: 'string', short: 'c'},
      'read-only': {type: 'boolean'},
      ascii: {type: 'boolean'},
      'no-ascii': {type: 'boolean'},
      'print-env': {type: 'boolean'},
    },
  });
  for (const [name, short] of Object.entries(STRING_FLAGS)) {
    const value = values[name];
    // Not strict (unknown flags pass), so a string flag at the end of the line arrives as true.
    if (value !== undefined && typeof value !== 'string') return {error: `--${name} (-${short}) needs a value`};
  }
  // The last of --ascii and --no-ascii wins, as with meow.
  const last = argv.filter((arg) => arg === '--ascii' || arg === '--no-ascii').at(-1);
  return {
    run: {
      host: values.host as string | undefined,
      context: values.context as string | undefined,
      readOnly: values['read-only'] === true,
      ascii: last === undefined ? undefined : last === '--ascii',
      printEnv: values['print-env'] === true,
    },
  };
}

/** whalewatch's package.json, found upwards from this file (the bundle is in dist/). */
function packageJson(): {version?: string; description?: string} {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {}
    const up = dirname(dir);
    if (up === dir) return {};
    dir = up;
  }
}

/** The text --help prints: the package's description, then `usage` (indented as written). */
export function helpText(usage: string): string {
  const {description} = packageJson();
  return `${description ? `\n  ${description}\n` : ''}\n${usage.replace(/^\n+|\s+$/g, '')}\n`;
}

/** The text --version prints. */
export function versionText(): string {
  return packageJson().version ?? 'No version found';
}
