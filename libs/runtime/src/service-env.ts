import { readFileSync } from 'node:fs';

/** The NATS client settings every service reads the same way. */
export interface NatsClientEnv {
  natsUrl: string;
  natsSeed?: string;
  inboxPrefix?: string;
}

export interface ServiceEnv {
  /** A variable the service cannot start without; the error names the service and the variable. */
  required(name: string): string;
  /** A seed passed inline (`NAME`) or as a file path (`NAME_FILE`), so it stays out of process listings. */
  secret(name: string): string | undefined;
  /** NATS_URL (default the local server), HUB_NATS_SEED(_FILE), HUB_INBOX_PREFIX. */
  natsClient(): NatsClientEnv;
}

/** Reads a service's configuration from its environment; `service` prefixes its error messages. */
export function serviceEnv(service: string, env: NodeJS.ProcessEnv = process.env): ServiceEnv {
  const secret = (name: string): string | undefined => {
    const file = env[`${name}_FILE`];
    return file ? readFileSync(file, 'utf8').trim() : env[name];
  };
  return {
    required(name) {
      const value = env[name];
      if (!value) throw new Error(`${service}: environment variable ${name} is required`);
      return value;
    },
    secret,
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
