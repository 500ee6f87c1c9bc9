/**
 * `value` frozen all the way down (for specs of pure folds that fill in their own copy of a state: a fold that
 * wrote into the state it was given would throw here, ESM code being strict).
 */
export function deepFrozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFrozen(inner);
  }
  return value;
}
