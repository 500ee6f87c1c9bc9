import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { fromSeed } from '@nats-io/nkeys';

// DER prefixes that wrap a raw 32-byte ed25519 seed / public key for node:crypto (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * A department's signing key. Keys are kept as NATS nkey seeds (`S…`) so operators manage one key
 * format, but signing goes through node:crypto: ~200× faster than the pure-JS nkeys signer.
 */
export class EventSigner {
  private readonly privateKey: KeyObject;
  readonly publicKey: string;

  constructor(seed: string) {
    const pair = fromSeed(new TextEncoder().encode(seed));
    this.publicKey = pair.getPublicKey();
    const rawSeed = base32Decode(seed)?.subarray(2, 34); // seed nkey: 2 prefix bytes · 32-byte seed · crc16
    if (!rawSeed || rawSeed.length !== 32) throw new TypeError('not an nkey seed');
    this.privateKey = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_PREFIX, rawSeed]),
      format: 'der',
      type: 'pkcs8',
    });
    pair.clear();
  }

  /** base64 ed25519 signature over the event hash (its hex string as UTF-8). */
  sign(hash: string): string {
    return sign(null, Buffer.from(hash, 'utf8'), this.privateKey).toString('base64');
  }
}

const verifierCache = new Map<string, KeyObject>();

/** Checks `sig` over `hash` with an nkey public key (`U…`/`A…`); false for any malformed input. */
export function verifySignature(publicKey: string, hash: string, sig: string): boolean {
  let key = verifierCache.get(publicKey);
  if (!key) {
    const raw = rawPublicKey(publicKey);
    if (!raw) return false;
    key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
    verifierCache.set(publicKey, key);
  }
  try {
    return verify(null, Buffer.from(hash, 'utf8'), key, Buffer.from(sig, 'base64'));
  } catch {
    return false;
  }
}

/** The 32 raw key bytes inside an nkey public key: base32(prefix byte · key · crc16). */
function rawPublicKey(publicKey: string): Buffer | null {
  const bytes = base32Decode(publicKey);
  if (!bytes || bytes.length !== 35) return null;
  return bytes.subarray(1, 33);
}

function base32Decode(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index < 0) return null;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** True for a well-formed nkey user public key (`U…`, 56 base32 characters). */
export function isNkeyPublicKey(value: string): boolean {
  return value.length === 56 && value.startsWith('U') && rawPublicKey(value) !== null;
}
