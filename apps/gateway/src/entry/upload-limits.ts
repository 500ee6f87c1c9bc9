/** How big an upload may be; read from the environment so an office with bigger files can raise them. */
export interface UploadLimits {
  /** Bytes of the uploaded file (multer stops reading past it: 413). */
  maxBytes: number;
  /** Data rows over all sheets. */
  maxRows: number;
  /** Sum of a ZIP's declared uncompressed sizes. */
  maxUncompressedBytes: number;
  /** Highest uncompressed/compressed ratio of one ZIP entry. */
  maxRatio: number;
  /** How long a preview waits for its commit. */
  ttlMs: number;
  /** Previews kept per unit (the oldest goes first). */
  perUnit: number;
}

export const UPLOAD_LIMITS = Symbol('UPLOAD_LIMITS');

export function uploadLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): UploadLimits {
  return {
    maxBytes: Number(env.HUB_MAX_UPLOAD_BYTES ?? 20 * 1024 * 1024),
    maxRows: Number(env.HUB_MAX_UPLOAD_ROWS ?? 20_000),
    maxUncompressedBytes: Number(env.HUB_MAX_UPLOAD_UNZIPPED_BYTES ?? 200 * 1024 * 1024),
    maxRatio: 200,
    ttlMs: 60 * 60 * 1000,
    perUnit: 5,
  };
}
