export * from './lifecycle-state.js';
export * from './lifecycle-codes.js';
export * from './decide-lifecycle.js';
export { decideCase } from './case.lifecycle.js';
export { decideLead } from './lead.lifecycle.js';
export { recordDecider } from './record.lifecycle.js';
