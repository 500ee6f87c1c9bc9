// nkey users for the hub's NATS principals. The seeds are secrets: locally they live in
// `.hub/nats-secrets.json` (mode 0600, git-ignored); the server config only ever holds public keys.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createUser } from '@nats-io/nkeys';
import type { ConnectionOptions } from '@nats-io/transport-node';
import { nativeNkeyAuthenticator, userPublicKeyFromSeed } from './nkey-native.js';
import { ALL_PRINCIPALS, inboxPrefixFor, principalEnvName, type Principal } from './principals.js';

export interface NkeyUser {
  /** `U…` public key; goes into the server config. */
  publicKey: string;
  /** `SU…` seed; the secret a client authenticates with. */
  seed: string;
}

/** What a server config needs: the public key of every principal (or a `$VARIABLE` placeholder). */
export interface NatsUserDirectory {
  users: Readonly<Record<Principal, { readonly publicKey: string }>>;
}

export interface NatsSecrets extends NatsUserDirectory {
  version: 1;
  createdAt: string;
  users: Record<Principal, NkeyUser>;
}

export class InvalidNatsSecretsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidNatsSecretsError';
  }
}

const decoder = new TextDecoder();

/** A fresh nkey user (seed from nkeys' createUser(); public key derived with native ed25519). */
export function generateNkeyUser(): NkeyUser {
  const seed = decoder.decode(createUser().getSeed());
  return { publicKey: userPublicKeyFromSeed(seed), seed };
}

/** A fresh nkey user for every principal (admin, gateway, projector, coordination, auditor, dept:*). */
export function generateNatsSecrets(now: Date = new Date()): NatsSecrets {
  const users = {} as Record<Principal, NkeyUser>;
  for (const principal of ALL_PRINCIPALS) users[principal] = generateNkeyUser();
  return { version: 1, createdAt: now.toISOString(), users };
}

/** Validates a parsed JSON document: every principal present, each seed a user seed matching its public key. */
export function parseNatsSecrets(doc: unknown): NatsSecrets {
  if (typeof doc !== 'object' || doc === null) throw new InvalidNatsSecretsError('nats secrets: not an object');
  const { version, createdAt, users } = doc as Record<string, unknown>;
  if (version !== 1) throw new InvalidNatsSecretsError(`nats secrets: unsupported version ${String(version)}`);
  if (typeof users !== 'object' || users === null) throw new InvalidNatsSecretsError('nats secrets: users missing');
  const out = {} as Record<Principal, NkeyUser>;
  for (const principal of ALL_PRINCIPALS) {
    const entry = (users as Record<string, unknown>)[principal];
    if (typeof entry !== 'object' || entry === null) {
      throw new InvalidNatsSecretsError(`nats secrets: user ${principal} missing`);
    }
    const { publicKey, seed } = entry as Record<string, unknown>;
    if (typeof publicKey !== 'string' || typeof seed !== 'string' || !seed.startsWith('SU')) {
      throw new InvalidNatsSecretsError(`nats secrets: user ${principal} needs publicKey and an SU… seed`);
    }
    let derived: string;
    try {
      derived = userPublicKeyFromSeed(seed);
    } catch (cause) {
      throw new InvalidNatsSecretsError(`nats secrets: user ${principal} has an invalid seed`, { cause });
    }
    if (derived !== publicKey) {
      throw new InvalidNatsSecretsError(`nats secrets: user ${principal} seed does not match its public key`);
    }
    out[principal] = { publicKey, seed };
  }
  return { version: 1, createdAt: typeof createdAt === 'string' ? createdAt : new Date(0).toISOString(), users: out };
}

export async function readNatsSecrets(file: string): Promise<NatsSecrets> {
  const text = await readFile(file, 'utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new InvalidNatsSecretsError(`nats secrets: ${file} is not JSON`, { cause });
  }
  return parseNatsSecrets(doc);
}

/** Writes atomically (temp file + rename) with mode 0600. */
export async function writeNatsSecrets(file: string, secrets: NatsSecrets): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, file);
}

/** Reads the secrets file, or generates and writes one when it does not exist yet. */
export async function loadOrCreateNatsSecrets(file: string): Promise<{ secrets: NatsSecrets; created: boolean }> {
  try {
    return { secrets: await readNatsSecrets(file), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secrets = generateNatsSecrets();
  await writeNatsSecrets(file, secrets);
  return { secrets, created: true };
}

/**
 * Placeholders for committed configs: `nkey: $HUB_NKEY_DEPT_SAMR`. nats-server resolves an undefined
 * config variable from the environment, so the deployment injects the (public, non-secret) keys.
 */
export function placeholderUserDirectory(): NatsUserDirectory {
  const users = {} as Record<Principal, { publicKey: string }>;
  for (const principal of ALL_PRINCIPALS) users[principal] = { publicKey: `$${nkeyEnvVar(principal)}` };
  return { users };
}

/** `dept:samr` → `HUB_NKEY_DEPT_SAMR`: the environment variable the committed cluster configs reference. */
export function nkeyEnvVar(principal: Principal): string {
  return `HUB_NKEY_${principalEnvName(principal)}`;
}

/** Environment for nats-server when it loads a placeholder config: `{ HUB_NKEY_ADMIN: 'U…', … }`. */
export function nkeyEnvironment(secrets: NatsUserDirectory): Record<string, string> {
  const env: Record<string, string> = {};
  for (const principal of ALL_PRINCIPALS) env[nkeyEnvVar(principal)] = secrets.users[principal].publicKey;
  return env;
}

/**
 * Client options for a principal: nkey authenticator, its own inbox prefix and a connection name.
 * Spread into `connect({ servers, ...natsClientOptions(secrets, 'dept:samr') })`.
 */
export function natsClientOptions(
  secrets: NatsSecrets,
  principal: Principal,
): Required<Pick<ConnectionOptions, 'authenticator' | 'inboxPrefix' | 'name'>> {
  return { authenticator: nativeNkeyAuthenticator(secrets.users[principal].seed), inboxPrefix: inboxPrefixFor(principal), name: `hub-${principal}` };
}
