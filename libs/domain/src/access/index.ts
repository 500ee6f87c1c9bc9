export * from './access-record.js';
