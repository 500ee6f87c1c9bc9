import { APPEND_MODELS, STATE_MODELS, type AppendModel, type Sql, type StateModel, type Upserts } from '@hub/read-models';
import type { BatchWrites, CurrentStates, TouchedKeys } from '../projections/plan-batch.js';

/*
 * The read models as the writer iterates over them: each model with its part of a batch's writes. The
 * lists are typed per model (BatchWrites has a field per model name); here they are walked generically.
 */

/** Each append model (in write order) with the rows the batch adds to it. */
export function appendModels(writes: BatchWrites): { model: AppendModel; rows: readonly unknown[] }[] {
  const byName = writes as unknown as Record<string, readonly unknown[]>;
  return (APPEND_MODELS as readonly AppendModel[]).map((model) => ({ model, rows: byName[model.name] ?? [] }));
}

/** Each state model (in write order) with the rows the batch inserts and updates. */
export function stateModels(writes: BatchWrites): { model: StateModel; rows: Upserts<unknown> }[] {
  const byName = writes as unknown as Record<string, Upserts<unknown>>;
  return (STATE_MODELS as readonly StateModel[]).map((model) => ({ model, rows: byName[model.name] ?? { insert: [], update: [] } }));
}

/** The current states of the touched keys, one query per state model. */
export async function currentStates(sql: Sql, keys: TouchedKeys): Promise<CurrentStates> {
  const current: Record<string, ReadonlyMap<string, unknown>> = {};
  for (const model of STATE_MODELS as readonly StateModel[]) current[model.name] = await model.rows.findMany(sql, (keys as Record<string, Map<string, unknown>>)[model.name]?.keys() ?? []);
  return current as CurrentStates;
}
