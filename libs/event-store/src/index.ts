export * from './errors.js';
export * from './event-codec.js';
export * from './jetstream-event-store.js';
export * from './stream-config.js';
export * from './subject-heads.js';
export * from './nats-connection.js';
export * from './append-pipeline.js';
export * from './durable-consumer.js';
