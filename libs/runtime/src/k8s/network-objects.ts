// NetworkPolicies: nothing reaches a pod unless listed here. Department pods talk to NATS only; the projector,
// coordination and the gateway also to PostgreSQL; only the gateway accepts traffic from outside (the ingress
// controller). NATS accepts clients from hub pods and routes from its peers. DNS stays open for everyone.
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyEgressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyEgressRule';
import { APP, CNPG_CLUSTER, GATEWAY_PORT } from './names.js';
import { componentSelector, selector, type K8sObject } from './objects.js';
import type { HubProfile } from './profiles.js';
import { NATS } from './nats-objects.js';

/** The namespace the ingress controller runs in (ingress-nginx's default). */
export const INGRESS_NAMESPACE = 'ingress-nginx';
export const CNPG_OPERATOR_NAMESPACE = 'cnpg-system';

type Policy = INetworkPolicy & K8sObject;

const policy = (name: string, spec: NonNullable<INetworkPolicy['spec']>): Policy => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, labels: { 'app.kubernetes.io/part-of': APP } },
  spec,
});

const hubPods: INetworkPolicyPeer = { podSelector: { matchLabels: { 'app.kubernetes.io/part-of': APP } } };
const natsPods: INetworkPolicyPeer = { podSelector: { matchLabels: selector(NATS) } };
const dbPods: INetworkPolicyPeer = { podSelector: { matchLabels: { 'cnpg.io/cluster': CNPG_CLUSTER } } };
const dns: INetworkPolicyEgressRule = {
  to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};
const toNats: INetworkPolicyEgressRule = { to: [natsPods], ports: [{ protocol: 'TCP', port: 4222 }] };

/** To PostgreSQL: the CloudNativePG pods, or — for an external server — any address on 5432. */
const toDatabase = (profile: HubProfile): INetworkPolicyEgressRule =>
  profile.database.kind === 'cnpg' ? { to: [dbPods], ports: [{ protocol: 'TCP', port: 5432 }] } : { ports: [{ protocol: 'TCP', port: 5432 }] };

export function networkObjects(profile: HubProfile): K8sObject[] {
  const objects: Policy[] = [
    // Hub and NATS pods: deny everything not allowed below (the database pods are the operator's business).
    policy('hub-default-deny', { podSelector: { matchLabels: { 'app.kubernetes.io/part-of': APP } }, policyTypes: ['Ingress', 'Egress'] }),
    policy('nats', {
      podSelector: { matchLabels: selector(NATS) },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: [hubPods], ports: [{ protocol: 'TCP', port: 4222 }] },
        { from: [natsPods], ports: [{ protocol: 'TCP', port: 6222 }] },
      ],
      egress: [{ to: [natsPods], ports: [{ protocol: 'TCP', port: 6222 }] }, dns],
    }),
    policy('department', { podSelector: { matchLabels: componentSelector('department') }, policyTypes: ['Egress'], egress: [toNats, dns] }),
    policy('stream-init', { podSelector: { matchLabels: componentSelector('stream-init') }, policyTypes: ['Egress'], egress: [toNats, dns] }),
    policy('projector', { podSelector: { matchLabels: componentSelector('projector') }, policyTypes: ['Egress'], egress: [toNats, toDatabase(profile), dns] }),
    policy('coordination', { podSelector: { matchLabels: componentSelector('coordination') }, policyTypes: ['Egress'], egress: [toNats, toDatabase(profile), dns] }),
    policy('gateway', {
      podSelector: { matchLabels: componentSelector('gateway') },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': INGRESS_NAMESPACE } } }], ports: [{ protocol: 'TCP', port: GATEWAY_PORT }] }],
      egress: [toNats, toDatabase(profile), dns],
    }),
  ];
  if (profile.database.kind === 'cnpg') {
    objects.push(
      policy('hub-db', {
        podSelector: { matchLabels: { 'cnpg.io/cluster': CNPG_CLUSTER } },
        policyTypes: ['Ingress'],
        ingress: [
          { from: ['gateway', 'projector', 'coordination'].map((c) => ({ podSelector: { matchLabels: componentSelector(c as 'gateway') } })), ports: [{ protocol: 'TCP', port: 5432 }] },
          // Replication between instances, and the operator's status checks.
          { from: [dbPods], ports: [{ protocol: 'TCP', port: 5432 }] },
          { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': CNPG_OPERATOR_NAMESPACE } } }], ports: [{ protocol: 'TCP', port: 8000 }, { protocol: 'TCP', port: 5432 }] },
        ],
      }),
    );
  }
  return objects;
}
