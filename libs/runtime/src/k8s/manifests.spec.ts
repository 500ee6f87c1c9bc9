import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse, parseAllDocuments } from 'yaml';
import { fromSeed } from '@nats-io/nkeys';
import { nkeyEnvironment } from '../nats-secrets.js';
import { renderComposeFiles } from './compose.js';
import { namesReadBy, namesReadIn } from './env-names.js';
import { NODE_ENV_NAMES } from './environment.js';
import { installSecretObjects } from './install-files.js';
import { generateMaterial } from './install-material.js';
import { HUB_SERVICES, STREAM_INIT, secretName, type Component } from './names.js';
import type { K8sObject } from './objects.js';
import { BASE_PROFILE, OVERLAY_PROFILES, PROVINCE_PROFILE, type HubProfile } from './profiles.js';
import { objectKey, renderLayout, renderProfile } from './render.js';
import { validateAgainstSchema } from './schema-models.js';

const ROOT = process.cwd();
const PROFILES: readonly HubProfile[] = [BASE_PROFILE, ...OVERLAY_PROFILES];
const CRDS = new Set(['postgresql.cnpg.io/v1/Cluster']);

type PodSpec = { containers: { name: string; env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[]; envFrom?: { secretRef?: { name: string } }[] }[]; volumes?: { secret?: { secretName: string } }[] };

function podSpecOf(o: K8sObject): PodSpec | undefined {
  const spec = o.spec as { template?: { spec?: PodSpec } } | undefined;
  return spec?.template?.spec;
}

/** Secret name → the workloads (kind/name) that reference it, by volume, env or envFrom. */
function secretUsers(objects: readonly K8sObject[]): Map<string, Set<string>> {
  const users = new Map<string, Set<string>>();
  const use = (secret: string, o: K8sObject): void => void users.set(secret, (users.get(secret) ?? new Set()).add(objectKey(o)));
  for (const o of objects) {
    const pod = podSpecOf(o);
    for (const v of pod?.volumes ?? []) if (v.secret) use(v.secret.secretName, o);
    for (const c of pod?.containers ?? []) {
      for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) use(e.valueFrom.secretKeyRef.name, o);
      for (const e of c.envFrom ?? []) if (e.secretRef) use(e.secretRef.name, o);
    }
  }
  return users;
}

/** kustomize's strategic merge for whole-object patches: maps key by key, lists of equal length item by item, else replaced. */
function merge(base: unknown, patch: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(patch)) return base.length === patch.length ? patch.map((p, i) => merge(base[i], p)) : patch;
  if (typeof base === 'object' && base !== null && typeof patch === 'object' && patch !== null && !Array.isArray(base) && !Array.isArray(patch)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(patch)) out[k] = merge(out[k], v);
    return out;
  }
  return patch;
}

const docs = (text: string): K8sObject[] => parseAllDocuments(text).map((d) => d.toJS() as K8sObject);
const committed = (dir: string): K8sObject[] => readdirSync(dir).filter((f) => f !== 'kustomization.yaml').flatMap((f) => docs(readFileSync(join(dir, f), 'utf8')));

describe('Kubernetes manifests (deploy/k8s, rendered from libs/runtime/src/k8s)', () => {
  it('given the committed deploy/k8s and deploy/compose files, when rendered afresh, then nothing differs (run npm run k8s:render)', () => {
    for (const [path, text] of renderLayout()) expect({ path, text: readFileSync(join(ROOT, 'deploy/k8s', path), 'utf8') }).toEqual({ path, text });
    for (const [path, text] of renderComposeFiles()) expect({ path, text: readFileSync(join(ROOT, 'deploy/compose', path), 'utf8') }).toEqual({ path, text });
  });

  it.each(PROFILES.map((p) => [p.name, p] as const))('given profile %s, then every object validates against the Kubernetes schemas (CRDs named)', (_, profile) => {
    for (const o of renderProfile(profile)) {
      if (validateAgainstSchema(o) === undefined) expect(CRDS).toContain(`${o.apiVersion}/${o.kind}`);
    }
  });

  it('given a schema violation, then validation names the field (the check can fail)', () => {
    const deployment = renderProfile(BASE_PROFILE).find((o) => o.kind === 'Deployment') as K8sObject;
    expect(() => validateAgainstSchema({ ...deployment, spec: { ...(deployment.spec as object), replicas: 'two' } })).toThrow(/replicas/);
  });

  it.each(OVERLAY_PROFILES.map((p) => [p.name, p] as const))('given overlay %s, when its patches and resources are applied to the committed base, then the result is the profile render', (name, profile) => {
    const result = new Map(committed(join(ROOT, 'deploy/k8s/base')).map((o) => [objectKey(o), o]));
    const dir = join(ROOT, 'deploy/k8s/overlays', name);
    const kustomization = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as { resources: string[]; patches?: { path: string }[] };
    for (const file of kustomization.resources.filter((r) => !r.startsWith('..'))) for (const o of docs(readFileSync(join(dir, file), 'utf8'))) result.set(objectKey(o), o);
    for (const { path } of kustomization.patches ?? []) {
      for (const patch of docs(readFileSync(join(dir, path), 'utf8'))) {
        expect(result.has(objectKey(patch))).toBe(true);
        result.set(objectKey(patch), merge(result.get(objectKey(patch)), patch) as K8sObject);
      }
    }
    const expected = renderProfile(profile).map((o) => JSON.parse(JSON.stringify(o)) as K8sObject);
    expect(result).toEqual(new Map(expected.map((o) => [objectKey(o), o])));
  });

  it('given every profile, then the NATS cluster is a 3-replica StatefulSet with file storage, fsync always, TLS and a placeholder nkey per principal', () => {
    for (const profile of PROFILES) {
      const objects = renderProfile(profile);
      const sts = objects.find((o) => o.kind === 'StatefulSet') as K8sObject & { spec: { replicas: number } };
      expect(sts.spec.replicas).toBe(3);
      const conf = (objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'nats') as K8sObject & { data: Record<string, string> }).data['nats.conf'] ?? '';
      expect(conf).toMatch(/sync_interval: always/);
      expect(conf).toMatch(/store_dir: "\/data"/);
      expect(conf).toMatch(/tls \{/);
      for (const name of Object.keys(nkeyEnvironment({ users: generateMaterial().nats.users }))) expect(conf).toContain(`$${name}`);
    }
  });

  it.each(PROFILES.map((p) => [p.name, p] as const))('given profile %s, then every environment name a workload gets is one its service reads (or Node reads)', (_, profile) => {
    for (const o of renderProfile(profile)) {
      const component = o.metadata.labels?.['app.kubernetes.io/component'] as Component | undefined;
      if (component === undefined || component === 'nats' || !podSpecOf(o)) continue;
      const read = namesReadBy(component, ROOT);
      for (const c of podSpecOf(o)?.containers ?? []) for (const e of c.env ?? []) expect({ workload: objectKey(o), name: NODE_ENV_NAMES.includes(e.name) || read.has(e.name) ? 'read' : e.name }).toEqual({ workload: objectKey(o), name: 'read' });
    }
  });

  it('given the compose file, then every service environment name is read by that service, and each service mounts only its own secret directory', () => {
    const compose = parse(renderComposeFiles().get('compose.yaml') ?? '') as { services: Record<string, { environment?: Record<string, string>; volumes?: string[] }> };
    const sources = new Map<string, string>();
    for (const w of [...HUB_SERVICES, STREAM_INIT]) {
      const service = compose.services[w.name];
      const read = namesReadBy(w.component, ROOT);
      for (const name of Object.keys(service?.environment ?? {})) expect({ service: w.name, name: NODE_ENV_NAMES.includes(name) || read.has(name) ? 'read' : name }).toEqual({ service: w.name, name: 'read' });
      const secretsDir = (service?.volumes ?? []).find((v) => v.endsWith(':/etc/hub/secrets:ro')) ?? '';
      expect(secretsDir).toContain(`/${w.name}:`);
      expect(sources.get(secretsDir)).toBeUndefined();
      sources.set(secretsDir, w.name);
    }
  });

  it('given a config source, then the scanner finds inline, bracketed, required and secret names and nothing else', () => {
    const source = "env.HUB_A ?? env['HUB_B']; vars.required('HUB_C'); vars.secret('HUB_D'); readSecret('HUB_F', env); const x = 'HUB_E';";
    expect([...namesReadIn(source)].sort()).toEqual(['HUB_A', 'HUB_B', 'HUB_C', 'HUB_C_FILE', 'HUB_D', 'HUB_D_FILE', 'HUB_F', 'HUB_F_FILE']);
    expect(namesReadBy('gateway', ROOT)).toContain('HUB_CREDENTIALS_FILE');
    expect(namesReadBy('department', ROOT)).toContain('HUB_SIGNING_SEED_FILE');
  });

  it.each(PROFILES.map((p) => [p.name, p] as const))('given profile %s, then no Secret is referenced by two workloads, and each hub workload uses exactly its own', (_, profile) => {
    const objects = renderProfile(profile);
    const users = secretUsers(objects);
    for (const [secret, by] of users) expect({ secret, users: by.size }).toEqual({ secret, users: 1 });
    for (const w of [...HUB_SERVICES, STREAM_INIT]) {
      const workload = objects.find((o) => o.metadata.name === w.name && podSpecOf(o)) as K8sObject;
      expect([...users].filter(([, by]) => by.has(objectKey(workload))).map(([s]) => s)).toEqual([secretName(w)]);
    }
  });

  it('given the province CloudNativePG cluster, then it has 3 instances and each role password comes from that service’s own Secret', () => {
    const cluster = renderProfile(PROVINCE_PROFILE).find((o) => o.kind === 'Cluster') as K8sObject & { spec: { instances: number; managed: { roles: { name: string; passwordSecret: { name: string } }[] } } };
    expect(cluster.spec.instances).toBe(3);
    const secrets = cluster.spec.managed.roles.map((r) => r.passwordSecret.name);
    expect(secrets.sort()).toEqual(['hub-coordination', 'hub-gateway', 'hub-projector']);
  });
});

describe('npm run deploy:secrets (install secrets)', () => {
  const material = generateMaterial(new Date('2026-12-01T00:00:00Z'));
  const tls = { caCert: 'CA', serverCert: 'CERT', serverKey: 'KEY' };
  const generated = installSecretObjects(material, tls, { namespace: 'net-sword', k8sDatabaseHost: 'hub-db-rw:5432' });
  const data = (name: string): Record<string, string> => ((generated.find((o) => o.kind === 'Secret' && o.metadata.name === name) as K8sObject & { stringData?: Record<string, string> }).stringData ?? {});

  it.each(PROFILES.map((p) => [p.name, p] as const))('given profile %s, then every Secret and key the manifests reference is generated', (_, profile) => {
    const objects = renderProfile(profile);
    for (const secret of secretUsers(objects).keys()) expect(generated.map((o) => o.metadata.name)).toContain(secret);
    for (const o of objects) {
      for (const c of podSpecOf(o)?.containers ?? []) {
        for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) expect(Object.keys(data(e.valueFrom.secretKeyRef.name))).toContain(e.valueFrom.secretKeyRef.key);
      }
    }
    for (const o of generated) expect(validateAgainstSchema(o)).toBe(true);
  });

  it('given the generated Secrets, then no seed, password or URL appears in two of them', () => {
    const seen = new Map<string, string>();
    for (const o of generated.filter((g) => g.kind === 'Secret')) {
      for (const [key, value] of Object.entries(data(o.metadata.name))) {
        if (key === 'username') continue;
        expect({ value: key, in: seen.get(value) ?? o.metadata.name }).toEqual({ value: key, in: o.metadata.name });
        seen.set(value, o.metadata.name);
      }
    }
  });

  it('given a workload Secret, then its NATS seed is its own principal’s and its signing seed is registered for its department', () => {
    const nkeys = nkeyEnvironment(material.nats);
    const publicOf = (seed: string): string => fromSeed(new TextEncoder().encode(seed)).getPublicKey();
    for (const w of [...HUB_SERVICES, STREAM_INIT]) {
      const secret = data(secretName(w));
      const principalVar = `HUB_NKEY_${w.principal.replace(':', '_').toUpperCase()}`;
      expect(publicOf(secret['nats.seed'] ?? '')).toBe(nkeys[principalVar]);
      if (secret['signing.seed']) {
        const signer = w.department ?? 'joint';
        expect(material.registry.keys.filter((k) => k.department === signer).map((k) => k.publicKey)).toContain(publicOf(secret['signing.seed']));
      }
    }
  });
});
