import { Inject, Injectable } from '@nestjs/common';
import type { UploadCommitResult, UploadPreview } from '@hub/contracts';
import { CLOCK, type Clock } from '../common/clock.js';
import { UPLOAD_LIMITS, type UploadLimits } from './upload-limits.js';

export interface StoredUpload {
  preview: UploadPreview;
  /** Set once committed: a second commit answers the same result instead of submitting again. */
  commit?: UploadCommitResult;
}

/**
 * Previews waiting for their commit, in this gateway's memory: a preview is cheap to redo (upload the
 * file again) and ids are deterministic, so losing one on restart loses nothing stored. Bounded per unit
 * and by age so uploads cannot grow memory without limit.
 */
@Injectable()
export class UploadStore {
  private readonly uploads = new Map<string, StoredUpload>();

  constructor(
    @Inject(UPLOAD_LIMITS) private readonly limits: UploadLimits,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  put(preview: UploadPreview): void {
    this.expire();
    const mine = [...this.uploads.values()].filter((upload) => upload.preview.unit === preview.unit);
    for (const old of mine.slice(0, Math.max(0, mine.length - this.limits.perUnit + 1))) this.uploads.delete(old.preview.uploadId);
    this.uploads.set(preview.uploadId, { preview });
  }

  get(uploadId: string): StoredUpload | undefined {
    this.expire();
    return this.uploads.get(uploadId);
  }

  expiresAt(): string {
    return new Date(this.clock().getTime() + this.limits.ttlMs).toISOString();
  }

  private expire(): void {
    const now = this.clock().toISOString();
    for (const [id, upload] of this.uploads) if (upload.preview.expiresAt <= now) this.uploads.delete(id);
  }
}
