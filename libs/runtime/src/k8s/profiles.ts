// The install sizes the manifests are rendered for. `base` is what deploy/k8s/base holds; every other profile
// is an overlay (deploy/k8s/overlays/<name>) that differs from it only in the values below.

/** CPU and memory of one container (Kubernetes quantities). */
export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

/** Replicas of a Deployment, and — when `max` is given — a HorizontalPodAutoscaler between `min` and `max`. */
export interface Scale {
  replicas: number;
  autoscale?: { max: number; cpuPercent: number };
}

export interface HubProfile {
  name: 'base' | 'small' | 'province';
  gateway: Scale & { resources: Resources };
  /** Every department service; more than one instance share the intake queue group. */
  department: Scale & { resources: Resources };
  /**
   * Projector and coordination: one instance holds the PostgreSQL lease and works, the others wait as standbys
   * (issue 18 §1); two replicas fail over in about a second instead of a pod reschedule.
   */
  projector: { replicas: number; resources: Resources };
  coordination: { replicas: number; resources: Resources };
  nats: { storage: string; maxFileStore: number; resources: Resources };
  /** `external`: DATABASE_URL points at a server run elsewhere; `cnpg`: a CloudNativePG Cluster in the namespace. */
  database: { kind: 'external' } | { kind: 'cnpg'; instances: number; storage: string; resources: Resources };
}

const res = (cpu: string, memory: string, cpuLimit: string, memoryLimit: string): Resources => ({
  requests: { cpu, memory },
  limits: { cpu: cpuLimit, memory: memoryLimit },
});

const GIB = 1024 ** 3;

export const BASE_PROFILE: HubProfile = {
  name: 'base',
  gateway: { replicas: 2, resources: res('250m', '512Mi', '1', '1Gi') },
  department: { replicas: 1, resources: res('100m', '256Mi', '1', '768Mi') },
  projector: { replicas: 2, resources: res('250m', '512Mi', '1', '1Gi') },
  coordination: { replicas: 2, resources: res('100m', '384Mi', '1', '1Gi') },
  nats: { storage: '50Gi', maxFileStore: 45 * GIB, resources: res('500m', '1Gi', '2', '2Gi') },
  database: { kind: 'external' },
};

/** One or two modest nodes: a prefecture, or a campaign of up to ~1M events. */
export const SMALL_PROFILE: HubProfile = {
  ...BASE_PROFILE,
  name: 'small',
  gateway: { replicas: 1, resources: res('100m', '384Mi', '1', '1Gi') },
  department: { replicas: 1, resources: res('50m', '192Mi', '500m', '512Mi') },
  // One node: a standby would share the active one's fate; a restart is the recovery.
  projector: { replicas: 1, resources: res('250m', '512Mi', '1', '1Gi') },
  coordination: { replicas: 1, resources: res('100m', '384Mi', '1', '1Gi') },
  nats: { storage: '20Gi', maxFileStore: 18 * GIB, resources: res('250m', '512Mi', '1', '1Gi') },
};

/** A provincial campaign (10M+ events): autoscaled gateway and departments, PostgreSQL as a 3-instance CloudNativePG cluster. */
export const PROVINCE_PROFILE: HubProfile = {
  ...BASE_PROFILE,
  name: 'province',
  gateway: { replicas: 3, autoscale: { max: 10, cpuPercent: 70 }, resources: res('500m', '768Mi', '2', '1536Mi') },
  department: { replicas: 2, autoscale: { max: 6, cpuPercent: 70 }, resources: res('250m', '384Mi', '1', '1Gi') },
  projector: { replicas: 2, resources: res('1', '1Gi', '2', '2Gi') },
  coordination: { replicas: 2, resources: res('250m', '512Mi', '1', '1536Mi') },
  nats: { storage: '500Gi', maxFileStore: 450 * GIB, resources: res('1', '2Gi', '4', '4Gi') },
  database: { kind: 'cnpg', instances: 3, storage: '500Gi', resources: res('1', '4Gi', '4', '8Gi') },
};

export const OVERLAY_PROFILES: readonly HubProfile[] = [SMALL_PROFILE, PROVINCE_PROFILE];
