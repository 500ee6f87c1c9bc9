// Auditing the log without trusting the hub's operators: key registry with rotation, streaming
// hash/signature/chain verification, stream-vs-archive comparison, replay filters.
export * from './archive-compare.js';
export * from './chain-verifier.js';
export * from './findings.js';
export * from './key-registry.js';
export * from './replay-filter.js';
export * from './signature-check.js';
export * from './seal-ledger.js';
