import { readFileSync } from 'node:fs';
import { inboxPrefixFor } from './principals.js';

// What every service's main.ts needs, importable without the launcher's modules.
export { collectGarbageWhenIdle } from './idle-gc.js';

/**
 * A secret from a file when `<NAME>_FILE` is set (what `npm start` and the deployment do: files 0600 under
 * `.hub/secrets/<service>/`, nothing in the environment or the process listing), else `<NAME>` itself.
 */
export function readSecret(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env[`${name}_FILE`];
  if (file) {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new Error(`${name}_FILE: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
    }
  }
  return env[name] || undefined;
}

/**
 * The inbox a request must reply into for a department or the coordination service to act on it: the
 * gateway's. NATS lets only the gateway subscribe there, while a JetStream push consumer someone points at
 * `hub.intake.<d>` or `hub.coord.>` delivers with `$JS.ACK…` replies (nats-server 2.9.10 does not check a
 * consumer's deliver_subject against its creator's permissions). Undefined on an open development server
 * (no nkey seed: no permissions at all, so nothing to tell apart).
 */
export function gatewayInboxOf(config: { natsSeed?: string; gatewayInbox?: string }): string | undefined {
  return config.gatewayInbox ?? (config.natsSeed ? inboxPrefixFor('gateway') : undefined);
}

/** Whether `reply` lies in `inbox` (always true when there is no inbox to check). */
export function repliesInto(inbox: string | undefined, reply: string | undefined): boolean {
  return inbox === undefined || (reply ?? '').startsWith(`${inbox}.`);
}

/** The NATS client settings every service reads the same way. */
export interface NatsClientEnv {
  natsUrl: string;
  natsSeed?: string;
  inboxPrefix?: string;
}

export interface ServiceEnv {
  /** A variable the service cannot start without (inline or as `<NAME>_FILE`); the error names both. */
  required(name: string): string;
  /** A seed passed inline (`NAME`) or as a file path (`NAME_FILE`), so it stays out of process listings. */
  secret(name: string): string | undefined;
  /** NATS_URL (default the local server), HUB_NATS_SEED(_FILE), HUB_INBOX_PREFIX. */
  natsClient(): NatsClientEnv;
  /** A whole number of milliseconds (`fallback` when unset); anything else is an error naming the variable. */
  milliseconds(name: string, fallback: number): number;
}

/** Reads a service's configuration from its environment; `service` prefixes its error messages. */
export function serviceEnv(service: string, env: NodeJS.ProcessEnv = process.env): ServiceEnv {
  const secret = (name: string): string | undefined => readSecret(name, env);
  return {
    required(name) {
      const value = readSecret(name, env);
      if (!value) throw new Error(`${service}: environment variable ${name} (or ${name}_FILE) is required`);
      return value;
    },
    secret,
    milliseconds(name, fallback) {
      const value = env[name];
      if (value === undefined || value === '') return fallback;
      if (!/^\d+$/.test(value)) throw new Error(`${service}: ${name} must be a whole number of milliseconds, got "${value}"`);
      return Number(value);
    },
    natsClient() {
      const natsSeed = secret('HUB_NATS_SEED');
      return {
        natsUrl: env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
        ...(natsSeed ? { natsSeed } : {}),
        ...(env['HUB_INBOX_PREFIX'] ? { inboxPrefix: env['HUB_INBOX_PREFIX'] } : {}),
      };
    },
  };
}
