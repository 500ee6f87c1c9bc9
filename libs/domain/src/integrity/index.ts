export * from './canonical-json.js';
export * from './envelope.js';
export * from './event-hash.js';
export * from './signing.js';
export * from './seal.js';
export * from './stream-subjects.js';
