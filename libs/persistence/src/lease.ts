// Active/standby for the services that must run once (projector, coordination): the active instance holds a
// PostgreSQL advisory lock on a dedicated session; a standby blocks on the same lock and takes over the moment
// the active one's session ends (a killed process's socket closes at once, so PostgreSQL releases the lock).
// Nothing is processed twice because each service's own state (checkpoints, outbox, deterministic event ids)
// lives in the same database and commits transactionally; the lease only keeps two from working at once.
import pg from 'pg';
import type { Sql } from '@hub/read-models';

/** The lock's first key: the hub's namespace among advisory locks (the people schema's DDL uses 6513001). */
const LEASE_NAMESPACE = 6513002;

export interface Lease {
  /** Gives the lease up (clean shutdown): a standby takes over at once. */
  release(): Promise<void>;
}

export interface LeaseOptions {
  /** Told once when the lease is held by another instance and this one waits as the standby. */
  onWaiting?: () => void;
  /** The lease's session broke while held: this instance must stop working at once (another may take over). */
  onLost: (error: Error) => void;
  /** How long to wait silently before `onWaiting` (default 200 ms). */
  waitingAfterMs?: number;
}

/** Waits until this instance holds lease `name` (forever, as a standby, while another holds it). */
export async function acquireLease(databaseUrl: string, name: string, options: LeaseOptions): Promise<Lease> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: `hub-lease-${name}`, keepAlive: true });
  await client.connect();
  let released = false;
  const lost = (error: Error): void => {
    if (!released) options.onLost(error);
  };
  client.on('error', lost);
  client.on('end', () => lost(new Error(`the session holding the ${name} lease ended`)));
  const waiting = setTimeout(() => options.onWaiting?.(), options.waitingAfterMs ?? 200);
  try {
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LEASE_NAMESPACE, name]);
  } catch (error) {
    released = true;
    await client.end().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(waiting);
  }
  return {
    release: async () => {
      if (released) return;
      released = true;
      await client.end().catch(() => undefined);
    },
  };
}

/** Who holds lease `name` right now (the holder's application name and pid), for tests and operators. */
export async function leaseHolder(sql: Sql, name: string): Promise<{ pid: number } | undefined> {
  const rows = await sql.query<{ pid: number }>(
    "SELECT l.pid FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = hashtext($2)::oid AND l.objsubid = 2",
    [LEASE_NAMESPACE, name],
  );
  return rows[0];
}
