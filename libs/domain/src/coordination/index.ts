// The coordination service's pure domain: working-day calendar, legal clocks, the referral
// lifecycle, correlation into clusters and jurisdiction suggestions. No I/O and no clock reads:
// every "now" is passed in, so the same log always yields the same joint-office events.
export * from './calendar/index.js';
export * from './clocks.js';
export * from './correlation/index.js';
export { deterministicEventId } from './event-ids.js';
export * from './jurisdiction.js';
export * from './referral.js';
export * from './referral-ownership.js';
export * from './answer-addressing.js';
export * from './case-clocks.js';
export * from './closure.js';
export * from './warning-lists/index.js';
export * from './hit-alerts.js';
