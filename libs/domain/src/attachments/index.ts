export * from './media-type.js';
export * from './attachment-rules.js';
