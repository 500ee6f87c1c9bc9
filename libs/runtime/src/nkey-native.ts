// nkey user keys on Node's native ed25519. @nats-io/nkeys derives public keys and signs with pure-JS
// tweetnacl, which is ~40 ms a key inside Jest's VM (a test server's 19 users cost most of a second,
// each connection ~0.1 s). Same formats as nkeys: `SU…` seeds, `U…` public keys, base64 signatures.
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { Authenticator } from '@nats-io/transport-node';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PREFIX_SEED = 18 << 3; // 'S'
const PREFIX_USER = 20 << 3; // 'U'
/** PKCS#8 DER header for a raw 32-byte Ed25519 private key (RFC 8410). */
const ED25519_PKCS8_HEADER = Buffer.from('302e020100300506032b657004220420', 'hex');

export class InvalidNkeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidNkeyError';
  }
}

function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function base32Decode(text: string): Uint8Array {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v === -1) throw new InvalidNkeyError(`invalid base32 character ${JSON.stringify(ch)}`);
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** CRC-16/XMODEM (poly 0x1021), as nkeys uses. */
function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

function withChecksum(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length + 2);
  out.set(payload);
  const crc = crc16(payload);
  out[payload.length] = crc & 0xff;
  out[payload.length + 1] = crc >> 8;
  return out;
}

/** The raw 32-byte ed25519 seed inside an `SU…` user seed (checksum and prefix verified). */
export function rawUserSeed(seed: string): Uint8Array {
  const raw = base32Decode(seed);
  if (raw.length !== 36) throw new InvalidNkeyError('nkey seed has the wrong length');
  const body = raw.subarray(0, 34);
  const crc = (raw[34] ?? 0) | ((raw[35] ?? 0) << 8);
  if (crc16(body) !== crc) throw new InvalidNkeyError('nkey seed checksum mismatch');
  const b0 = raw[0] ?? 0;
  const b1 = raw[1] ?? 0;
  const kind = b0 & 0xf8;
  const role = ((b0 & 7) << 5) | ((b1 & 0xf8) >> 3);
  if (kind !== PREFIX_SEED || role !== PREFIX_USER) throw new InvalidNkeyError('not an nkey user seed (SU…)');
  return raw.slice(2, 34);
}

function privateKeyOf(seed: string): KeyObject {
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_HEADER, rawUserSeed(seed)]), format: 'der', type: 'pkcs8' });
}

function publicKeyOf(key: KeyObject): string {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  if (jwk.x === undefined) throw new InvalidNkeyError('could not derive the ed25519 public key');
  const payload = new Uint8Array(33);
  payload[0] = PREFIX_USER;
  payload.set(Buffer.from(jwk.x, 'base64url'), 1);
  return base32Encode(withChecksum(payload));
}

/** `SU…` seed → `U…` public key. */
export function userPublicKeyFromSeed(seed: string): string {
  return publicKeyOf(privateKeyOf(seed));
}

/** Drop-in for transport-node's `nkeyAuthenticator`, signing the server's nonce with native ed25519. */
export function nativeNkeyAuthenticator(seed: string): Authenticator {
  const key = privateKeyOf(seed);
  const nkey = publicKeyOf(key);
  return (nonce?: string) => ({
    nkey,
    sig: nonce ? sign(null, Buffer.from(nonce, 'utf8'), key).toString('base64') : '',
  });
}
