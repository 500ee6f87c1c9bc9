import { describe, expect, it } from '@jest/globals';
import type { UploadPreview } from '@hub/contracts';
import { uploadLimitsFromEnv } from './upload-limits.js';
import { UploadStore } from './upload-store.js';

const preview = (uploadId: string, unit: string, expiresAt: string): UploadPreview => ({
  uploadId,
  fileName: 'a.xlsx',
  unit,
  expiresAt,
  counts: { rows: 0, new: 0, duplicate: 0, invalid: 0, events: 0 },
  rows: [],
  sheetErrors: [],
  committed: false,
});

describe('UploadStore', () => {
  const limits = { ...uploadLimitsFromEnv({}), perUnit: 2, ttlMs: 60_000 };

  it('given more previews of one unit than it may keep, when another is put, then the oldest of that unit goes and other units keep theirs', () => {
    const store = new UploadStore(limits, () => new Date('2021-10-08T00:00:00Z'));
    const later = store.expiresAt();
    store.put(preview('a1', 'samr/653100', later));
    store.put(preview('b1', 'cac/650100', later));
    store.put(preview('a2', 'samr/653100', later));
    store.put(preview('a3', 'samr/653100', later));

    expect(store.get('a1')).toBeUndefined();
    expect(store.get('a2')?.preview.uploadId).toBe('a2');
    expect(store.get('a3')?.preview.uploadId).toBe('a3');
    expect(store.get('b1')?.preview.uploadId).toBe('b1');
  });

  it('given a preview past its expiry, when looked up, then it is gone', () => {
    let now = new Date('2021-10-08T00:00:00Z');
    const store = new UploadStore(limits, () => now);
    store.put(preview('a1', 'samr/653100', store.expiresAt()));
    expect(store.get('a1')).toBeDefined();
    now = new Date(now.getTime() + limits.ttlMs);
    expect(store.get('a1')).toBeUndefined();
  });
});
