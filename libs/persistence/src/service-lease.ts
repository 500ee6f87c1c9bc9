import { acquireLease, type Lease } from './lease.js';

/**
 * A run-once service's lease (projector, coordination) as its process holds it: says when it waits as the
 * standby and when it takes over, and exits the process at once if the lease is lost while held, so two
 * instances never work at the same time (the launcher or the orchestrator starts it again, as a standby).
 */
export async function holdServiceLease(databaseUrl: string, service: string, hooks: { onStandby?: () => void; onActive?: () => void } = {}, log: (message: string) => void = (m) => console.log(m)): Promise<Lease> {
  let waitedSince: number | undefined;
  const lease = await acquireLease(databaseUrl, service, {
    onWaiting: () => {
      waitedSince = Date.now();
      log(`[${service}] standby: another instance holds the ${service} lease; waiting to take over`);
      hooks.onStandby?.();
    },
    onLost: (error) => {
      console.error(`[${service}] lost the ${service} lease (${error.message}): stopping at once`);
      process.exit(75); // EX_TEMPFAIL: restart me
    },
  });
  hooks.onActive?.();
  log(`[${service}] holds the ${service} lease${waitedSince === undefined ? '' : `: took over after ${((Date.now() - waitedSince) / 1000).toFixed(1)} s as the standby`}`);
  return lease;
}
