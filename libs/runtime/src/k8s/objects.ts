// Small builders every manifest uses: metadata with the common labels, the hardened pod and container settings.
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import { APP, type Component } from './names.js';
import type { Resources } from './profiles.js';

/** Any Kubernetes object as rendered: kind, apiVersion, a named metadata, the rest as the kind wants it. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export const labels = (name: string, component: Component): Record<string, string> => ({
  'app.kubernetes.io/name': name,
  'app.kubernetes.io/component': component,
  'app.kubernetes.io/part-of': APP,
});

/** What a Service, a PDB or a NetworkPolicy selects a workload by. */
export const selector = (name: string): Record<string, string> => ({ 'app.kubernetes.io/name': name });
export const componentSelector = (component: Component): Record<string, string> => ({ 'app.kubernetes.io/component': component, 'app.kubernetes.io/part-of': APP });

export const metadata = (name: string, component: Component): K8sObject['metadata'] => ({ name, labels: labels(name, component) });

/** UID/GID of the image's `hub` user (Dockerfile); nats runs as its image's nobody-like user. */
export const HUB_UID = 10001;

export const podSecurity = (uid: number): IPodSecurityContext => ({
  runAsNonRoot: true,
  runAsUser: uid,
  runAsGroup: uid,
  fsGroup: uid,
  seccompProfile: { type: 'RuntimeDefault' },
});

export const containerSecurity: NonNullable<IContainer['securityContext']> = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

export const resources = (r: Resources): IContainer['resources'] => ({ requests: { ...r.requests }, limits: { ...r.limits } });

export const httpProbe = (path: string, port: number | string, periodSeconds: number, failureThreshold: number) => ({
  httpGet: { path, port },
  periodSeconds,
  timeoutSeconds: 3,
  failureThreshold,
});
