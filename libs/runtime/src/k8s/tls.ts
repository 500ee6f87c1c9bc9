// The NATS cluster's TLS: a private CA and one server certificate valid for every name a client or a peer route
// uses (the Service `nats`, each pod under the headless Service), also usable as the routes' client certificate.
// Made with the openssl CLI (node:crypto creates keys, not certificates); kept in <out>/tls and reused on re-runs.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NATS, NATS_HEADLESS } from './nats-objects.js';
import type { TlsMaterial } from './install-files.js';

export function natsDnsNames(namespace: string): string[] {
  const names: string[] = [];
  for (const service of [NATS, NATS_HEADLESS]) {
    names.push(service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`);
  }
  for (const suffix of ['', `.${namespace}`, `.${namespace}.svc`, `.${namespace}.svc.cluster.local`]) names.push(`*.${NATS_HEADLESS}${suffix}`);
  return names;
}

function openssl(args: string[]): void {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? 'deploy:secrets: openssl is needed for the NATS certificates (apt-get install -y openssl)' : `openssl ${args[0]}: ${(error as Error).message}`, { cause: error });
  }
}

/** Creates (once) and reads the CA and the server certificate in `dir` (which must exist, mode 0700). */
export function ensureNatsTls(dir: string, namespace: string): TlsMaterial {
  const f = (name: string): string => join(dir, name);
  if (!existsSync(f('ca.crt'))) {
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.crt'), '-days', '3650', '-subj', '/CN=net-sword-hub NATS CA']);
  }
  if (!existsSync(f('server.crt'))) {
    writeFileSync(f('server.ext'), `subjectAltName=${natsDnsNames(namespace).map((n) => `DNS:${n}`).join(',')}\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=digitalSignature,keyEncipherment\n`);
    openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', `/CN=${NATS}.${namespace}.svc`]);
    openssl(['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('server.crt'), '-days', '825', '-extfile', f('server.ext')]);
  }
  return { caCert: readFileSync(f('ca.crt'), 'utf8'), serverCert: readFileSync(f('server.crt'), 'utf8'), serverKey: readFileSync(f('server.key'), 'utf8') };
}
