import { Coordination1733200000000 } from './1733200000000-coordination.js';

/** In order. Add a class here for every new migration of the coordination schema. */
export const COORDINATION_MIGRATIONS = [Coordination1733200000000];
