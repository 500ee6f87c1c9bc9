export * from './quota.js';
export * from './quota-config.js';
