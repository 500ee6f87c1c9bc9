import { entitySchemaOf, READ_MODEL_TABLES } from '@hub/read-models';
import { ProjectionErrorEntity } from './projection-error.entity.js';
import { ProjectorCheckpointEntity } from './projector-checkpoint.entity.js';

export { ProjectionErrorEntity, ProjectorCheckpointEntity };

/**
 * Every table of the read-model schema as TypeORM sees it; the migrations must produce exactly these (checked
 * by the drift spec). The read models' tables are declared once in @hub/read-models and their entity schemas
 * derived from the declarations; the projector's own bookkeeping (checkpoint, projection errors) keeps its
 * entity classes here.
 */
export const READ_MODEL_ENTITIES = [...READ_MODEL_TABLES.map(entitySchemaOf), ProjectorCheckpointEntity, ProjectionErrorEntity];
