export * from './readiness.js';
export * from './briefing.js';
