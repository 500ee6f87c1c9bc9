import type { ValidationError } from 'class-validator';
import { arrayProblem, FIELD_CONSTRAINT, ITEMS_CONSTRAINT, type ItemsContext, nounOf } from './decorators.js';
import type { FieldError } from './types.js';

const WHITELIST_CONSTRAINT = 'whitelistValidation';
// Reported by our ArrayOf/NestedArray shape check instead (one message per path, not two).
const NESTED_CONSTRAINT = 'nestedValidation';

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Turns class-validator's error tree into flat FieldErrors with JSON-path-like paths
 * (`data.entities[2].value`, `data.otherCategories[1]`), one message per failing path.
 * `noun` names the object being checked for "unknown field" messages, e.g. "lead.reported data".
 */
export function collectFieldErrors(errors: readonly ValidationError[], base: string, noun: string, out: FieldError[]): void {
  for (const error of errors) {
    const path = `${base}.${error.property}`;
    const constraints = error.constraints ?? {};
    for (const [name, message] of Object.entries(constraints)) {
      if (name === WHITELIST_CONSTRAINT) out.push({ path, message: `unknown field "${error.property}": it is not part of ${noun}` });
      else if (name === ITEMS_CONSTRAINT) itemErrors(error, path, message, out);
      else if (name !== NESTED_CONSTRAINT) out.push({ path, message: name === FIELD_CONSTRAINT ? message : `${error.property} is invalid: ${message}` });
    }
    const value: unknown = error.value;
    // Items that are not objects were already reported by the array's own rule; only descend into objects.
    if (!Array.isArray(value) || !error.children) continue;
    for (const child of error.children) {
      const item: unknown = child.value;
      if (isObject(item) && child.children) {
        collectFieldErrors(child.children, `${path}[${child.property}]`, nounOf(item.constructor) ?? `an item of ${error.property}`, out);
      }
    }
  }
}

/** Re-runs the item rule to give each failing item its own path. */
function itemErrors(error: ValidationError, path: string, fallback: string, out: FieldError[]): void {
  const context = error.contexts?.[ITEMS_CONSTRAINT] as ItemsContext | undefined;
  const value: unknown = error.value;
  if (!context || !Array.isArray(value) || arrayProblem(value, context.options) !== undefined) {
    out.push({ path, message: fallback });
    return;
  }
  const object: object = error.target ?? {};
  value.forEach((item: unknown, index, items) => {
    const problem = context.item(item, index, items, object);
    if (problem !== undefined) out.push({ path: `${path}[${index}]`, message: `${error.property}[${index}] ${problem}` });
  });
}
