export * from './duties.js';
export * from './readiness.js';
export * from './briefing.js';
