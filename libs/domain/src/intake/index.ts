export * from './intake-protocol.js';
export * from './validate-intake.js';
