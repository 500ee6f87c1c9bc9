// @hub/audit: the auditors' tools over the log — replay, verify (hashes, signatures, chains, archive), the
// as-of projections and the annex trace recomputed from the log, reconcile. Independent of the gateway; the
// gateway's audit endpoints and `npm run hub -- audit` are thin adapters over it.
export * from './annex-trace.js';
export * from './key-registry-file.js';
export * from './log-projections.js';
export * from './log-message.js';
export * from './log-reader.js';
export * from './log-verification.js';
export * from './reconcile.js';
export * from './replay.js';
export * from './draw-verification.js';
export * from './package-verification.js';
export * from './event-proof.js';
export type { ReaderConnection } from './range-read.js';
