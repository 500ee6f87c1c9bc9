// Readiness of the hub's services, asked over NATS request/reply. Each service answers on its own subject
// once it can do its job (a department service: its id index rebuilt; projector and coordination: consuming),
// so the gateway's /health/ready can say "every service is ready" and not only "NATS is up". The subjects
// are outside the event stream's (`hub.evt.>`, `hub.seal.>`): nothing here is stored.

/** Every health subject; the gateway may request on it, each service subscribes to its own only. */
export const HEALTH_SUBJECTS = 'hub.health.>';

/** Service names: `dept.<code>` per department service, `projector`, `coordination`. */
export const departmentHealthService = (department: string): string => `dept.${department}`;

export const healthSubject = (service: string): string => `hub.health.${service}`;

/** What a service answers. No counts, no error texts: the answer is read by an unauthenticated probe. */
export interface HealthReply {
  ready: boolean;
}
