// RFC 6238 time-based one-time passwords (RFC 4226 HOTP over 30 s steps), with node:crypto only.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode } from '@hub/domain';

export { base32Decode, base32Encode };

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** RFC 4226 HOTP: the `digits`-digit code for `counter`. */
export function hotp(secret: Uint8Array, counter: bigint, digits = 6, algorithm: TotpAlgorithm = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export const TOTP_STEP_SECONDS = 30;

/** RFC 6238 TOTP at `at` (T0 = 0, 30 s steps). */
export function totp(secret: Uint8Array, at: Date, digits = 6, algorithm: TotpAlgorithm = 'sha1'): string {
  return hotp(secret, BigInt(Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS)), digits, algorithm);
}

/**
 * Whether `code` is the TOTP of `secretBase32` at `at`, one step either side (clock drift). Returns the
 * matching step so the caller can refuse a code used before (replay).
 */
export function verifyTotp(secretBase32: string, code: string, at: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const secret = base32Decode(secretBase32);
  const step = Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);
  for (const candidate of [step, step - 1, step + 1]) {
    const expected = Buffer.from(hotp(secret, BigInt(candidate)));
    if (timingSafeEqual(expected, Buffer.from(code))) return candidate;
  }
  return undefined;
}

export const newTotpSecret = (): string => base32Encode(randomBytes(20));

/** The `otpauth://` URI authenticator apps enrol from (Key Uri Format). */
export function otpauthUri(secretBase32: string, username: string, issuer = '网剑行动数据共享平台'): string {
  const label = encodeURIComponent(`${issuer}:${username}`);
  return `otpauth://totp/${label}?secret=${secretBase32}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=${TOTP_STEP_SECONDS}`;
}
