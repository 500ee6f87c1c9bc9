export * from './roles.js';
export * from './base32.js';
