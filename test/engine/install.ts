// Makes sure the pieces the private test engine needs are on this machine: dockerd (docker.io),
// a static busybox to build the fixture image from (no public registry is reachable here) and
// Debian's docker-registry to serve pull/push tests on 127.0.0.1.
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';

/** Packages that provide everything test/engine needs (Debian/Ubuntu names). */
export const ENGINE_PACKAGES = ['docker.io', 'busybox-static', 'docker-registry'] as const;

/** Where Debian's docker-registry installs its binary (test/engine/registry.ts runs it). */
export const REGISTRY_PATH = '/usr/bin/docker-registry';

/** Where busybox-static puts its binary; the fixture image is built from this one file. */
export const BUSYBOX_PATH = '/bin/busybox';

/** True when `name` is an executable found on PATH (or in the sbin dirs, which non-login PATHs can lack). */
export function onPath(name: string): boolean {
  const dirs = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin', '/usr/local/sbin']);
  return dirs.some(dir => dir !== '' && existsSync(`${dir}/${name}`));
}

/** What is missing for the private engine, as package names; empty when all is there. */
export function missingPackages(): string[] {
  const missing: string[] = [];
  if (!onPath('dockerd')) missing.push('docker.io');
  // busybox-static specifically: a dynamically linked busybox would not run inside FROM scratch.
  if (!existsSync(BUSYBOX_PATH) || !isStatic(BUSYBOX_PATH)) missing.push('busybox-static');
  if (!existsSync(REGISTRY_PATH)) missing.push('docker-registry');
  return missing;
}

/** Asks `file` whether the binary is static (Debian's plain `busybox` package is dynamic and would not run in FROM scratch). */
function isStatic(path: string): boolean {
  const out = spawnSync('file', ['-L', path], {encoding: 'utf8'});
  // Without `file` we cannot tell; trust the path (busybox-static installs exactly there).
  if (out.error || out.status !== 0) return true;
  return /statically linked|static-pie/.test(out.stdout);
}

function run(cmd: string, args: string[]): boolean {
  const out = spawnSync(cmd, args, {stdio: 'inherit', env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}});
  return out.status === 0;
}

/**
 * Installs docker.io, busybox-static and docker-registry when dockerd, a static /bin/busybox or
 * /usr/bin/docker-registry is missing.
 * As root with apt-get it installs them (running `apt-get update` only if the first install fails,
 * since the package lists are usually fresh enough); otherwise it throws one line naming the packages.
 */
export function ensureDockerInstalled(): void {
  const missing = missingPackages();
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !onPath('apt-get')) {
    throw new Error(
      `whalewatch tests need ${missing.join(' and ')}: install ${ENGINE_PACKAGES.join(' ')} ` +
        `(e.g. sudo apt-get install -y ${ENGINE_PACKAGES.join(' ')}), then run the tests again.`,
    );
  }
  console.log(`whalewatch tests: installing ${ENGINE_PACKAGES.join(' ')}…`);
  const args = ['install', '-y', ...ENGINE_PACKAGES];
  if (!run('apt-get', args)) {
    if (!run('apt-get', ['update']) || !run('apt-get', args)) {
      throw new Error(`whalewatch tests: apt-get install -y ${ENGINE_PACKAGES.join(' ')} failed; install them by hand.`);
    }
  }
  const still = missingPackages();
  if (still.length > 0) throw new Error(`whalewatch tests: still missing after install: ${still.join(', ')}.`);
}
