// Pure domain: no Nest, no I/O. Everything here is deterministic and unit-tested.
export * from './append/index.js';
export * from './catalogue/index.js';
export * from './entity-keys/index.js';
export * from './errors.js';
export * from './events/index.js';
export * from './intake/index.js';
export * from './health/health-protocol.js';
export * from './lifecycle/index.js';
export * from './integrity/index.js';
export * from './annex/index.js';
export * from './coordination/index.js';
export * from './reporting/index.js';
export * from './audit/index.js';
export * from './people/index.js';
export * from './entry/index.js';
