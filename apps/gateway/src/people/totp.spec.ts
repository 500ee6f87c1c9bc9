import { describe, expect, it } from '@jest/globals';
import { base32Decode, base32Encode, otpauthUri, totp, verifyTotp, type TotpAlgorithm } from './totp.js';

// RFC 6238 appendix B: the seeds are the ASCII strings below, the codes 8 digits.
const SEEDS: Record<TotpAlgorithm, Buffer> = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ])('given the RFC test vector at T=%p, when computing, then SHA1/SHA256/SHA512 give the RFC codes', (seconds, sha1, sha256, sha512) => {
    const at = new Date(seconds * 1000);
    expect(totp(SEEDS.sha1, at, 8, 'sha1')).toBe(sha1);
    expect(totp(SEEDS.sha256, at, 8, 'sha256')).toBe(sha256);
    expect(totp(SEEDS.sha512, at, 8, 'sha512')).toBe(sha512);
  });

  it('given a base32 secret, when round-tripping, then the bytes survive (RFC 4648 vector)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(Buffer.from(base32Decode('MZXW6YTBOI')).toString()).toBe('foobar');
  });

  it('given the code of the previous step, when verifying, then it passes; two steps back it does not', () => {
    const secret = base32Encode(SEEDS.sha1);
    const now = new Date(1234567890_000);
    const previous = totp(SEEDS.sha1, new Date(now.getTime() - 30_000));
    expect(verifyTotp(secret, previous, now)).toBe(Math.floor(1234567890 / 30) - 1);
    expect(verifyTotp(secret, totp(SEEDS.sha1, new Date(now.getTime() - 60_000)), now)).toBeUndefined();
    expect(verifyTotp(secret, 'abcdef', now)).toBeUndefined();
  });

  it('given a username, when building the otpauth URI, then authenticator apps get secret, issuer and period', () => {
    expect(otpauthUri('MZXW6YTBOI', 'zhang')).toMatch(/^otpauth:\/\/totp\/.+zhang\?secret=MZXW6YTBOI&issuer=.+&period=30$/);
  });
});
