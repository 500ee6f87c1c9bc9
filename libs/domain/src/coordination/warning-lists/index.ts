export * from './warning-lists.js';
export * from './key-cap.js';
export * from './entity-notes.js';
