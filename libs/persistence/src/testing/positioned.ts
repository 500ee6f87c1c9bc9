// Moved to libs/read-models (the read models' unit specs use it); kept here for the specs that still import this path.
export { positioned } from '../../../read-models/src/testing/positioned.js';
