export * from './clusters/clusters.queries.js';
