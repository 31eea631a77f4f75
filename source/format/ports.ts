import type {Port} from '../docker/types.js';

/**
 * Ports the way `docker ps` shows them: "0.0.0.0:8080->80/tcp, 443/tcp".
 *
 * Differences from the docker CLI, on purpose, to save columns:
 *  - a mapping published on both 0.0.0.0 and :: (the engine lists it twice) is shown once, as
 *    the IPv4 one;
 *  - consecutive ports with the same address and protocol are collapsed into a range, for
 *    published ones too when both sides are consecutive ("0.0.0.0:8000-8002->80-82/tcp").
 * Published mappings come first, then exposed-only ports, each ordered by container port.
 */
export function formatPorts(ports: readonly Port[]): string {
  // Drop exact duplicates and the IPv6 twin of an IPv4 wildcard mapping.
  const seen = new Set<string>();
  const wildcardV4 = new Set<string>();
  for (const p of ports) {
    if (p.ip === '0.0.0.0' && p.publicPort !== undefined) wildcardV4.add(`${p.publicPort}/${p.privatePort}/${p.type}`);
  }
  const unique: Port[] = [];
  for (const p of ports) {
    const published = p.publicPort !== undefined;
    if (published && p.ip === '::' && wildcardV4.has(`${p.publicPort}/${p.privatePort}/${p.type}`)) continue;
    const key = published ? `${p.ip ?? ''}|${p.publicPort}|${p.privatePort}|${p.type}` : `|${p.privatePort}|${p.type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(p);
  }

  unique.sort(
    (a, b) =>
      Number(a.publicPort === undefined) - Number(b.publicPort === undefined) ||
      (a.ip ?? '').localeCompare(b.ip ?? '') ||
      a.type.localeCompare(b.type) ||
      a.privatePort - b.privatePort ||
      (a.publicPort ?? 0) - (b.publicPort ?? 0),
  );

  // Group runs: same address and protocol, private (and public) ports each one more than before.
  type Run = {first: Port; last: Port};
  const runs: Run[] = [];
  for (const p of unique) {
    const run = runs[runs.length - 1];
    if (
      run &&
      run.last.ip === p.ip &&
      run.last.type === p.type &&
      (run.last.publicPort === undefined) === (p.publicPort === undefined) &&
      p.privatePort === run.last.privatePort + 1 &&
      (p.publicPort === undefined || p.publicPort === run.last.publicPort! + 1)
    ) {
      run.last = p;
    } else {
      runs.push({first: p, last: p});
    }
  }

  return runs
    .map(({first, last}) => {
      const range = (a: number, b: number) => (a === b ? `${a}` : `${a}-${b}`);
      const inside = `${range(first.privatePort, last.privatePort)}/${first.type}`;
      if (first.publicPort === undefined) return inside;
      const host = first.ip === undefined || first.ip === '' ? '' : first.ip.includes(':') ? `[${first.ip}]:` : `${first.ip}:`;
      return `${host}${range(first.publicPort, last.publicPort!)}->${inside}`;
    })
    .join(', ');
}
