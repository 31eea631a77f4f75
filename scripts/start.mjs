// `npm start`: builds the bundle when the sources are newer, makes sure the local engine runs
// when no other host was chosen (scripts/local-engine.mjs), then opens the dashboard.
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {bundle} from './build.mjs';
import {ensureLocalEngine} from './local-engine.mjs';

await bundle({ifNeeded: true});
await ensureLocalEngine(process.argv.slice(2));
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {stdio: 'inherit'});
process.exit(result.status ?? 1);
