// `npm run k8s:check`: builds every kustomization under deploy/k8s with the real kustomize (`kubectl kustomize`)
// and compares each object with the TypeScript render — the unit spec simulates the merge; this runs the real one.
// Needs kubectl on PATH. Exits 1 on any difference.
import { execFileSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import type { K8sObject } from '../libs/runtime/src/k8s/objects.js';
import { BASE_PROFILE, OVERLAY_PROFILES } from '../libs/runtime/src/k8s/profiles.js';
import { NAMESPACE, objectKey, renderProfile } from '../libs/runtime/src/k8s/render.js';

let differences = 0;
for (const profile of [BASE_PROFILE, ...OVERLAY_PROFILES]) {
  const dir = profile.name === 'base' ? 'deploy/k8s/base' : `deploy/k8s/overlays/${profile.name}`;
  const built = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const got = new Map(parseAllDocuments(built).map((d) => d.toJS() as K8sObject).map((o) => [objectKey(o), o]));
  const want = renderProfile(profile).map((o) => JSON.parse(JSON.stringify({ ...o, metadata: { ...o.metadata, namespace: NAMESPACE } })) as K8sObject);
  const wrong = want.filter((o) => !isDeepStrictEqual(got.get(objectKey(o)), o)).map(objectKey);
  if (got.size !== want.length) wrong.push(`${got.size} objects built, ${want.length} rendered`);
  differences += wrong.length;
  console.log(`${dir}: ${got.size} objects${wrong.length > 0 ? `, DIFFERENT: ${wrong.join(', ')}` : ', identical to the render'}`);
}
process.exitCode = differences > 0 ? 1 : 0;
