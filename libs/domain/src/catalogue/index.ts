// Catalogues: facts from the campaign plan and national standards that events are checked against.
export * from './aggregates.js';
export * from './cases.js';
export * from './code-list.js';
export * from './departments.js';
export * from './enforcement.js';
export * from './entity-kinds.js';
export * from './leads.js';
export * from './regions.js';
export * from './units.js';
export * from './violations.js';
export * from './operators.js';
export * from './products.js';
export * from './actions.js';
export * from './distribution.js';
