export * from './roles.js';
export * from './base32.js';
export { isActor } from './actor.js';
export * from './single-sign-on.js';
