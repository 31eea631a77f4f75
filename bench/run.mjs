// Measures whalewatch as a user runs it: start to a frame that lists the containers, then idle
// CPU %, RSS and bytes written to the terminal per second, with N running containers. Prints the
// figures and the change from the previous run (bench/results/last.json). Never asserts.
//
//   npm run bench -- --host unix:///path/to/docker.sock [--containers 50] [--idle 20]
import {spawn} from 'node-pty';
import {readFileSync, writeFileSync, mkdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import Dockerode from 'dockerode';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const host = option('host', process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock');
const count = Number(option('containers', '50'));
const idleSeconds = Number(option('idle', '20'));
const image = option('image', 'whalewatch-fixture:test');
const docker = new Dockerode({socketPath: host.replace('unix://', '')});
const label = {'whalewatch.bench': '1'};
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const results = fileURLToPath(new URL('./results/last.json', import.meta.url));

/** CPU seconds (user + system) of a process, from /proc. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const rssMB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

console.log(`bench: ${count} running containers on ${host}, ${idleSeconds} s idle`);
const made = [];
for (let i = 0; i < count; i++) {
  const c = await docker.createContainer({Image: image, name: `ww-bench-${process.pid}-${i}`, Cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'], Labels: {...label, 'whalewatch.test': '1'}});
  await c.start();
  made.push(c);
}
try {
  const env = {...process.env, TERM: 'xterm-256color'};
  delete env.CI;
  const started = performance.now();
  const pty = spawn(process.execPath, [cli, '--host', host], {cols: 120, rows: 40, env});
  let bytes = 0;
  let text = '';
  pty.onData((d) => {
    bytes += Buffer.byteLength(d);
    if (text !== null) text += d;
  });
  const first = `ww-bench-${process.pid}-`;
  while (!text.includes(first)) await new Promise((r) => setTimeout(r, 10));
  const firstFrameMs = performance.now() - started;
  text = null;
  // Let the stats streams open and settle before measuring idle.
  await new Promise((r) => setTimeout(r, 5000));
  const cpu0 = cpuSeconds(pty.pid);
  const bytes0 = bytes;
  const rss = [];
  for (let s = 0; s < idleSeconds; s++) {
    await new Promise((r) => setTimeout(r, 1000));
    rss.push(rssMB(pty.pid));
  }
  const figures = {
    containers: count,
    firstFrameMs: Math.round(firstFrameMs),
    idleCpuPercent: +((100 * (cpuSeconds(pty.pid) - cpu0)) / idleSeconds).toFixed(2),
    rssMB: +rss.sort((a, b) => a - b)[Math.floor(rss.length / 2)].toFixed(1),
    bytesPerSecond: Math.round((bytes - bytes0) / idleSeconds),
  };
  pty.write('q');
  let previous;
  try {
    previous = JSON.parse(readFileSync(results, 'utf8'));
  } catch {}
  for (const [key, value] of Object.entries(figures)) {
    const before = previous?.[key];
    console.log(`${key.padEnd(16)} ${String(value).padStart(8)}${before !== undefined ? `   (previous ${before}, ×${(value / (before || 1)).toFixed(2)})` : ''}`);
  }
  mkdirSync(new URL('./results/', import.meta.url), {recursive: true});
  writeFileSync(results, JSON.stringify(figures, null, 2));
} finally {
  await Promise.all(made.map((c) => c.remove({force: true}).catch(() => {})));
}
