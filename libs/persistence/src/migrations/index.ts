import { ReadModels1732900000000 } from './1732900000000-read-models.js';

/** In order. Add a class here for every new migration (ESM: no glob loading). */
export const READ_MODEL_MIGRATIONS = [ReadModels1732900000000];
