export * from './duties.js';
export * from './readiness.js';
export * from './briefing.js';
export * from './filing.js';
export * from './report-package.js';
