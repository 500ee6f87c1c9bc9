// The hub's own workloads: the gateway (Deployment, Service, Ingress), one Deployment per department service, the
// projector and coordination (one active instance each until the lease of issue 18 §1), the stream Job, and for
// each a PodDisruptionBudget and — where the profile autoscales — a HorizontalPodAutoscaler.
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { heapFor, SNAPSHOT_DIR, workloadEnv } from './environment.js';
import { compiledEntry, serviceNodeArgs } from '../build/service-command.js';
import { GATEWAY, GATEWAY_PORT, HEALTH_PORT, HUB_SERVICES, IMAGE, KEY_REGISTRY_DIR, NATS_CA_DIR, SECRETS_DIR, STREAM_INIT, secretName, type HubWorkload } from './names.js';
import { HUB_UID, containerSecurity, httpProbe, metadata, podSecurity, resources, selector, type K8sObject } from './objects.js';
import type { HubProfile, Resources, Scale } from './profiles.js';

export const NATS_CLIENT_URL = 'tls://nats:4222';
/** ConfigMaps `npm run deploy:secrets` writes with the Secrets (public material, install-specific). */
export const KEY_REGISTRY_CONFIGMAP = 'hub-key-registry';
export const NATS_CA_CONFIGMAP = 'nats-ca';
export const INGRESS_HOST = 'hub.example.gov.cn';

function scaleOf(workload: HubWorkload, profile: HubProfile): Scale & { resources: Resources } {
  if (workload.component === 'gateway') return profile.gateway;
  if (workload.component === 'department') return profile.department;
  // Any number of projectors or coordinations: the lease lets one work, the rest wait as standbys.
  if (workload.component === 'projector') return profile.projector;
  return profile.coordination;
}

function container(workload: HubWorkload, r: Resources): IContainer {
  const port = workload.component === 'gateway' ? GATEWAY_PORT : HEALTH_PORT;
  const env = workloadEnv(workload, { natsUrl: NATS_CLIENT_URL, natsCa: true, heapMiB: heapFor(r.limits.memory), streamReplicas: 3 }).map((e) =>
    'value' in e ? e : { name: e.name, valueFrom: { secretKeyRef: { name: secretName(workload), key: e.fromSecret } } },
  );
  const mounts = [
    { name: 'secrets', mountPath: SECRETS_DIR, readOnly: true },
    { name: 'nats-ca', mountPath: NATS_CA_DIR, readOnly: true },
    // swc compiles the TypeScript sources in memory; Node and the libraries may still want a scratch directory.
    { name: 'tmp', mountPath: '/tmp' },
  ];
  if (workload.component === 'gateway') mounts.push({ name: 'key-registry', mountPath: KEY_REGISTRY_DIR, readOnly: true });
  if (workload.component === 'department') mounts.push({ name: 'snapshots', mountPath: SNAPSHOT_DIR });
  const probes =
    workload.component === 'stream-init'
      ? {}
      : {
          // Start-up (the id index rebuild, migrations) may take minutes on a large log: liveness waits for it.
          startupProbe: httpProbe('/health/live', 'http', 5, 60),
          livenessProbe: httpProbe('/health/live', 'http', 10, 3),
          readinessProbe: httpProbe('/health/ready', 'http', 5, 2),
        };
  return {
    name: workload.component === 'department' ? 'department' : workload.name,
    image: IMAGE,
    imagePullPolicy: 'IfNotPresent',
    command: ['node', ...serviceNodeArgs(compiledEntry(workload.entry))],
    env,
    ...(workload.component === 'stream-init' ? {} : { ports: [{ name: 'http', containerPort: port }] }),
    ...probes,
    resources: resources(r),
    securityContext: containerSecurity,
    volumeMounts: mounts,
  };
}

function volumes(workload: HubWorkload): IVolume[] {
  const list: IVolume[] = [
    { name: 'secrets', secret: { secretName: secretName(workload), defaultMode: 0o400 } },
    { name: 'nats-ca', configMap: { name: NATS_CA_CONFIGMAP } },
    { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
  ];
  if (workload.component === 'gateway') list.push({ name: 'key-registry', configMap: { name: KEY_REGISTRY_CONFIGMAP } });
  if (workload.component === 'department') list.push({ name: 'snapshots', emptyDir: { sizeLimit: '2Gi' } });
  return list;
}

const podSpec = (workload: HubWorkload, r: Resources) => ({
  securityContext: podSecurity(HUB_UID),
  automountServiceAccountToken: false,
  enableServiceLinks: false,
  terminationGracePeriodSeconds: 30,
  containers: [container(workload, r)],
  volumes: volumes(workload),
});

function deployment(workload: HubWorkload, profile: HubProfile): IDeployment & K8sObject {
  const scale = scaleOf(workload, profile);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(workload.name, workload.component),
    spec: {
      replicas: scale.replicas,
      selector: { matchLabels: selector(workload.name) },
      // One new pod at a time, started before an old one stops: a new projector or coordination waits as a standby
      // (ready in its role) and takes the lease when the old one's session ends.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: metadata(workload.name, workload.component).labels ?? {} },
        spec: {
          ...podSpec(workload, scale.resources),
          // Spread instances over nodes: one node lost must not take every instance of a service.
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector(workload.name) } }],
        },
      },
    },
  };
}

function disruptionBudget(workload: HubWorkload): IPodDisruptionBudget & K8sObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: metadata(workload.name, workload.component),
    // maxUnavailable 1 (not minAvailable): a node drain can always move a single instance, never two at once.
    spec: { maxUnavailable: 1, selector: { matchLabels: selector(workload.name) } },
  };
}

function autoscaler(workload: HubWorkload, scale: Scale): (IHorizontalPodAutoscaler & K8sObject) | undefined {
  if (!scale.autoscale) return undefined;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: metadata(workload.name, workload.component),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: workload.name },
      minReplicas: scale.replicas,
      maxReplicas: scale.autoscale.max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: scale.autoscale.cpuPercent } } }],
    },
  };
}

function gatewayService(): IService & K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(GATEWAY.name, 'gateway'),
    spec: { selector: selector(GATEWAY.name), ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
}

function gatewayIngress(): IIngress & K8sObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      ...metadata(GATEWAY.name, 'gateway'),
      // The gateway's own limits apply (8 MiB bodies, SSE live feed): the proxy must not cut them shorter.
      annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '16m', 'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600', 'nginx.ingress.kubernetes.io/proxy-buffering': 'off' },
    },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: [INGRESS_HOST], secretName: 'hub-ingress-tls' }],
      rules: [{ host: INGRESS_HOST, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: GATEWAY.name, port: { name: 'http' } } } }] } }],
    },
  };
}

/** The stream job only connects, creates the stream and exits. */
const STREAM_JOB_RESOURCES: Resources = { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '384Mi' } };

function streamJob(): IJob & K8sObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: metadata(STREAM_INIT.name, 'stream-init'),
    spec: {
      backoffLimit: 20,
      // A finished Job's template is immutable: removed an hour after success, so the next apply (a new image) recreates it.
      ttlSecondsAfterFinished: 3600,
      template: {
        metadata: { labels: metadata(STREAM_INIT.name, 'stream-init').labels ?? {} },
        spec: { ...podSpec(STREAM_INIT, STREAM_JOB_RESOURCES), restartPolicy: 'OnFailure' },
      },
    },
  };
}

export function hubObjects(profile: HubProfile): K8sObject[] {
  const objects: K8sObject[] = [streamJob()];
  for (const workload of HUB_SERVICES) {
    objects.push(deployment(workload, profile), disruptionBudget(workload));
    const hpa = autoscaler(workload, scaleOf(workload, profile));
    if (hpa) objects.push(hpa);
  }
  objects.push(gatewayService(), gatewayIngress());
  return objects;
}
