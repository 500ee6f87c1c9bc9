// `npm run deploy:secrets -- [--out .hub/deploy] [--namespace net-sword] [--database-host hub-db-rw:5432]`:
// generates (once) and renders every secret of an install — see README, Deployment. Never commit the output.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreateJson } from '../libs/runtime/src/hub/secret-file.js';
import { completeMaterial, generateMaterial } from '../libs/runtime/src/k8s/install-material.js';
import { installFiles } from '../libs/runtime/src/k8s/install-files.js';
import { ensureNatsTls } from '../libs/runtime/src/k8s/tls.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '.hub/deploy' },
    namespace: { type: 'string', default: 'net-sword' },
    'database-host': { type: 'string', default: 'hub-db-rw:5432' },
  },
});
if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(values.namespace)) throw new Error(`--namespace: "${values.namespace}" is not a Kubernetes namespace name`);
if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(values['database-host'])) throw new Error(`--database-host: expected host[:port], got "${values['database-host']}"`);

const out = resolve(values.out);
mkdirSync(join(out, 'tls'), { recursive: true, mode: 0o700 });
chmodSync(out, 0o700);
const { value: material, created } = await loadOrCreateJson(join(out, 'install.json'), () => generateMaterial(), (doc) => completeMaterial(doc));
const tls = ensureNatsTls(join(out, 'tls'), values.namespace);
const files = installFiles(material, tls, { namespace: values.namespace, k8sDatabaseHost: values['database-host'] });
for (const [path, file] of files) {
  const target = join(out, path);
  // Per-service directories are bind-mounted into compose containers (uid 10001): traversable; the tree above is 0700.
  mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
  if (existsSync(target)) chmodSync(target, 0o600); // a re-run rewrites the read-only (0444) compose files
  writeFileSync(target, file.text, { mode: file.mode });
  chmodSync(target, file.mode);
}
chmodSync(join(out, 'compose'), 0o700);
console.log(`${created ? 'generated' : 'kept'} ${join(out, 'install.json')}; wrote ${files.size} files:`);
console.log(`  kubectl create namespace ${values.namespace} && kubectl apply -f ${join(out, 'k8s/secrets.yaml')}`);
console.log(`  compose: HUB_SECRETS=${join(out, 'compose')} docker compose -f deploy/compose/compose.yaml up -d`);
