export * from './mask.js';
export * from './mask-briefing.js';
