export * from './decide-append.js';
