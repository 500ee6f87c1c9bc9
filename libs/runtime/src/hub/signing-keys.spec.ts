import { describe, expect, it } from '@jest/globals';
import { generateSigningSeeds, keyValidAt, publicKeyOf, registerKeys } from './signing-keys.js';

describe('signing key registry', () => {
  const t0 = new Date('2021-09-01T00:00:00Z');
  const t1 = new Date('2021-11-01T00:00:00Z');

  it('given new seeds, when registered, then each department has one open key', () => {
    const seeds = generateSigningSeeds(['samr', 'police']);
    const registry = registerKeys({ keys: [] }, seeds, t0);
    expect(registry.keys).toHaveLength(2);
    expect(keyValidAt(registry, 'samr', '2021-10-01T00:00:00Z')?.publicKey).toBe(publicKeyOf(seeds.samr ?? ''));
  });

  it('given the same seeds again, when registered, then nothing changes', () => {
    const seeds = generateSigningSeeds(['samr']);
    const once = registerKeys({ keys: [] }, seeds, t0);
    expect(registerKeys(once, seeds, t1)).toEqual(once);
  });

  it('given a rotated seed, when registered, then the old key is closed at the rotation and still valid before it', () => {
    const first = generateSigningSeeds(['samr']);
    const second = generateSigningSeeds(['samr']);
    const registry = registerKeys(registerKeys({ keys: [] }, first, t0), second, t1);
    expect(registry.keys).toHaveLength(2);
    expect(keyValidAt(registry, 'samr', '2021-10-01T00:00:00Z')?.publicKey).toBe(publicKeyOf(first.samr ?? ''));
    expect(keyValidAt(registry, 'samr', '2021-11-02T00:00:00Z')?.publicKey).toBe(publicKeyOf(second.samr ?? ''));
    expect(keyValidAt(registry, 'samr', '2021-08-01T00:00:00Z')).toBeUndefined();
  });
});
