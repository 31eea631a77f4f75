// Certificates made with openssl for TLS tests: a CA, a server certificate for 127.0.0.1 and a
// client certificate signed by it, as the Docker docs' "protect the daemon socket" steps make them.
import {spawnSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';

function openssl(cwd: string, args: string[]): void {
  const r = spawnSync('openssl', args, {cwd, encoding: 'utf8'});
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr || r.error}`);
}

/** Paths of the files in `dir`: ca.pem, server-cert.pem, server-key.pem, cert.pem, key.pem. */
export type TlsFiles = {dir: string; ca: string; serverCert: string; serverKey: string; cert: string; key: string};

/** Makes a CA and a server + client certificate under `dir` (RSA 2048, one day). */
export function makeTlsFiles(dir: string, cn = 'whalewatch test CA'): TlsFiles {
  mkdirSync(dir, {recursive: true});
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '1', '-subj', `/CN=${cn}`]);
  writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName = IP:127.0.0.1\nextendedKeyUsage = serverAuth\n');
  writeFileSync(path.join(dir, 'client.ext'), 'extendedKeyUsage = clientAuth\n');
  for (const [name, ext] of [['server', 'server.ext'], ['client', 'client.ext']] as const) {
    openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}-key.pem`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
    openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', `${name}-cert.pem`, '-days', '1', '-extfile', ext]);
  }
  // The client pair under the names DOCKER_CERT_PATH expects.
  openssl(dir, ['x509', '-in', 'client-cert.pem', '-out', 'cert.pem']);
  openssl(dir, ['rsa', '-in', 'client-key.pem', '-out', 'key.pem']);
  const p = (f: string) => path.join(dir, f);
  return {dir, ca: p('ca.pem'), serverCert: p('server-cert.pem'), serverKey: p('server-key.pem'), cert: p('cert.pem'), key: p('key.pem')};
}
