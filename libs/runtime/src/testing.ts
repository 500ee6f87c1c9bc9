// @hub/runtime/testing: what tests and benchmarks start for themselves, kept out of the runtime's public index.
export { startTestNats, type StartTestNatsOptions, type TestNats } from './nats-server.js';
