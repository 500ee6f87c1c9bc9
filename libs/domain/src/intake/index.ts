export * from './intake-protocol.js';
export * from './validate-intake.js';
export * from './chunked-submission.js';
export * from './forwarded-body.js';
export * from './submission-body.js';
