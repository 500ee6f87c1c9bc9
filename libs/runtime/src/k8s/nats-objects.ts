// NATS as a 3-node JetStream cluster: one StatefulSet (R3 streams need 3 nodes), its config rendered by the same
// renderer as deploy/nats/ with every nkey a `$HUB_NKEY_*` placeholder (the pods get the public keys from the
// ConfigMap `nats-nkeys` that `npm run deploy:secrets` writes), TLS for clients and routes, fsync on every write.
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { PRODUCTION_TLS, renderNatsConfig } from '../nats-config.js';
import { placeholderUserDirectory } from '../nats-secrets.js';
import { NATS_IMAGE } from './names.js';
import { containerSecurity, metadata, podSecurity, resources, selector, type K8sObject } from './objects.js';
import type { HubProfile } from './profiles.js';

export const NATS = 'nats';
export const NATS_HEADLESS = 'nats-cluster';
export const NATS_REPLICAS = 3;
export const NATS_TLS_SECRET = 'nats-tls';
export const NATS_NKEYS_CONFIGMAP = 'nats-nkeys';
const NATS_UID = 1000;

export const natsPeers = (): string[] => Array.from({ length: NATS_REPLICAS }, (_, i) => `${NATS}-${i}.${NATS_HEADLESS}`);

/** One config for every pod: `server_name` is the pod's name; a route to itself is ignored by nats-server. */
export function natsClusterConfig(profile: HubProfile): string {
  return renderNatsConfig(placeholderUserDirectory(), {
    header: [
      'Hub NATS JetStream cluster on Kubernetes (StatefulSet nats, 3 pods). Rendered by libs/runtime/src/k8s (npm run k8s:render).',
      'nkeys are $HUB_NKEY_* placeholders: the pods get the public keys from the ConfigMap nats-nkeys (npm run deploy:secrets).',
      'Requires nats-server 2.10+ (sync_interval: always).',
    ].join('\n'),
    serverName: '$POD_NAME',
    host: '0.0.0.0',
    port: 4222,
    // Monitoring lists every client and consumer: loopback only, probed from inside the pod.
    httpHost: '127.0.0.1',
    httpPort: 8222,
    storeDir: '/data',
    maxFileStore: profile.nats.maxFileStore,
    maxMemoryStore: 256 * 1024 * 1024,
    syncAlways: true,
    lameDuckDuration: '30s',
    tls: PRODUCTION_TLS,
    clusterName: 'hub',
    cluster: { host: '0.0.0.0', port: 6222, routes: natsPeers().map((peer) => `nats-route://${peer}:6222`), tls: { ...PRODUCTION_TLS, verify: true } },
  });
}

const probe = (path: string, periodSeconds: number, failureThreshold: number) => ({
  exec: { command: ['wget', '-q', '-O', '/dev/null', `http://127.0.0.1:8222${path}`] },
  periodSeconds,
  timeoutSeconds: 3,
  failureThreshold,
});

function statefulSet(profile: HubProfile): IStatefulSet & K8sObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: metadata(NATS, 'nats'),
    spec: {
      serviceName: NATS_HEADLESS,
      replicas: NATS_REPLICAS,
      // All three start together: JetStream needs a quorum before any of them is healthy.
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: selector(NATS) },
      template: {
        metadata: { labels: metadata(NATS, 'nats').labels ?? {} },
        spec: {
          securityContext: podSecurity(NATS_UID),
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: 60,
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: selector(NATS) } }],
          containers: [
            {
              name: 'nats',
              image: NATS_IMAGE,
              args: ['--config', '/etc/nats/config/nats.conf'],
              env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
              envFrom: [{ configMapRef: { name: NATS_NKEYS_CONFIGMAP } }],
              ports: [
                { name: 'client', containerPort: 4222 },
                { name: 'cluster', containerPort: 6222 },
              ],
              startupProbe: probe('/healthz', 5, 60),
              livenessProbe: probe('/healthz?js-enabled-only=true', 10, 3),
              readinessProbe: probe('/healthz', 5, 2),
              // Lame duck: clients move to the other nodes before this one stops (a rolling restart loses nothing).
              lifecycle: { preStop: { exec: { command: ['nats-server', '--signal', 'ldm=1'] } } },
              resources: resources(profile.nats.resources),
              securityContext: containerSecurity,
              volumeMounts: [
                { name: 'config', mountPath: '/etc/nats/config', readOnly: true },
                { name: 'tls', mountPath: '/etc/nats/tls', readOnly: true },
                { name: 'data', mountPath: '/data' },
              ],
            },
          ],
          volumes: [
            { name: 'config', configMap: { name: NATS } },
            { name: 'tls', secret: { secretName: NATS_TLS_SECRET, defaultMode: 0o400 } },
          ],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: profile.nats.storage } } } }],
    },
  };
}

function services(): (IService & K8sObject)[] {
  return [
    { apiVersion: 'v1', kind: 'Service', metadata: metadata(NATS, 'nats'), spec: { selector: selector(NATS), ports: [{ name: 'client', port: 4222, targetPort: 'client' }] } },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(NATS_HEADLESS, 'nats'),
      spec: {
        clusterIP: 'None',
        // Routes must resolve before the pods are ready: a cluster forming needs its peers' names.
        publishNotReadyAddresses: true,
        selector: selector(NATS),
        ports: [
          { name: 'client', port: 4222, targetPort: 'client' },
          { name: 'cluster', port: 6222, targetPort: 'cluster' },
        ],
      },
    },
  ];
}

export function natsObjects(profile: HubProfile): K8sObject[] {
  const config: IConfigMap & K8sObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata(NATS, 'nats'), data: { 'nats.conf': natsClusterConfig(profile) } };
  // Quorum is 2 of 3: never more than one node down by a drain.
  const pdb: IPodDisruptionBudget & K8sObject = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: metadata(NATS, 'nats'), spec: { maxUnavailable: 1, selector: { matchLabels: selector(NATS) } } };
  return [config, statefulSet(profile), ...services(), pdb];
}
