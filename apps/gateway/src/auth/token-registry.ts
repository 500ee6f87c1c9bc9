import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG } from '../tokens.js';
import type { GatewayConfig } from '../gateway.config.js';
import type { Principal } from './principal.js';
import { sha256Hex } from '@hub/domain';

export interface CredentialsFile {
  units: Record<string, string>;
  coordinator: string;
  auditor: string;
  /** The bootstrap admin `npm start` creates (the gateway makes sure the account exists). */
  admin?: { username: string; password: string; totpSecret: string };
}

// Tokens are looked up by their sha256 so the lookup's timing says nothing about a token's prefix.
const digest = sha256Hex;

/** Bearer tokens → principals, loaded from the credentials file `npm start` writes. */
@Injectable()
export class TokenRegistry {
  private readonly principals = new Map<string, Principal>();

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    const credentials = JSON.parse(readFileSync(config.credentialsFile, 'utf8')) as CredentialsFile;
    this.admin = credentials.admin;
    for (const [unit, token] of Object.entries(credentials.units)) {
      const [department, region] = unit.split('/');
      if (!department || !region) throw new Error(`credentials: "${unit}" is not a <dept>/<region> unit`);
      this.principals.set(digest(token), { kind: 'unit', unit, department, region, actor: `key:static-${department}-${region}` });
    }
    this.principals.set(digest(credentials.coordinator), { kind: 'coordinator', actor: 'key:static-coordinator' });
    this.principals.set(digest(credentials.auditor), { kind: 'auditor', actor: 'key:static-auditor' });
  }

  readonly admin: CredentialsFile['admin'];

  resolve(token: string): Principal | undefined {
    return this.principals.get(digest(token));
  }
}
