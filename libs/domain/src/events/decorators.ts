// The only place the events module loads reflect-metadata: class-transformer's @Type reads
// design-time metadata while the DTO classes are being defined, and every DTO imports this file.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { registerDecorator, ValidateNested, type ValidationArguments } from './class-validator-parts.js';

/**
 * A rule returns what is wrong with a value ("must be …") or undefined when it is fine. One rule per
 * property (instead of stacking @IsInt @Min @Max) gives one clear message per path, not three.
 */
export type Rule = (value: unknown, object: object) => string | undefined;

/** A rule for one array item; `items` and `object` allow rules such as "no duplicates". */
export type ItemRule = (item: unknown, index: number, items: readonly unknown[], object: object) => string | undefined;

export interface FieldOptions {
  /** Absent (undefined) is fine; a function decides per object (e.g. reason only when rejecting). */
  optional?: boolean | ((object: Record<string, unknown>) => boolean);
  /** Message when a conditionally required field is missing. */
  requiredMessage?: string;
}

/** Error constraint names, read back by field-errors.ts. */
export const FIELD_CONSTRAINT = 'field';
export const ITEMS_CONSTRAINT = 'items';

/** The context object class-validator copies onto a failed `items` constraint. */
export interface ItemsContext {
  item: ItemRule;
  options: ArrayOptions;
}

/**
 * The verdict of one Field or ArrayOf rule (no message), kept per DTO prototype so compiled-validator.ts
 * can check valid data without class-validator's per-call metadata lookup; messages still come from it.
 */
export interface PropertyCheck {
  property: string;
  valid(value: unknown, object: object): boolean;
}

const checksByPrototype = new WeakMap<object, PropertyCheck[]>();

function addCheck(target: object, check: PropertyCheck): void {
  const own = checksByPrototype.get(target) ?? [];
  own.push(check);
  checksByPrototype.set(target, own);
}

/** The checks declared on this prototype itself (not inherited ones). */
export function ownChecksOf(prototype: object): readonly PropertyCheck[] {
  return checksByPrototype.get(prototype) ?? [];
}

function problemOf(rule: Rule, options: FieldOptions, value: unknown, object: object): string | undefined {
  if (value !== undefined && value !== null) return rule(value, object);
  const optional = typeof options.optional === 'function' ? options.optional(object as Record<string, unknown>) : options.optional === true;
  if (value === undefined) return optional ? undefined : (options.requiredMessage ?? 'is required');
  // null is never a value: the hub hashes what it stores, and "absent" must have one spelling.
  return optional ? 'must not be null (omit the field instead)' : 'is required and must not be null';
}

/** Declares a data field checked by `rule`; also whitelists it for forbidNonWhitelisted. */
export function Field(rule: Rule, options: FieldOptions = {}): PropertyDecorator {
  return (target: object, propertyName: string | symbol): void => {
    addCheck(target, { property: String(propertyName), valid: (value, object) => problemOf(rule, options, value, object) === undefined });
    registerDecorator({
      name: FIELD_CONSTRAINT,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args?: ValidationArguments): boolean => problemOf(rule, options, value, args?.object ?? {}) === undefined,
        defaultMessage: (args?: ValidationArguments): string =>
          `${args?.property ?? String(propertyName)} ${problemOf(rule, options, args?.value, args?.object ?? {}) ?? 'is invalid'}`,
      },
    });
  };
}

export interface ArrayOptions {
  max: number;
  min?: number;
  optional?: boolean;
}

export function arrayProblem(value: unknown, options: ArrayOptions): string | undefined {
  if (value === undefined) {
    if (options.optional === true) return undefined;
    return (options.min ?? 0) === 0 ? 'is required (use [] when there are none)' : 'is required';
  }
  if (!Array.isArray(value)) return 'must be an array';
  const min = options.min ?? 0;
  if (value.length < min) return `must have at least ${min} item${min === 1 ? '' : 's'}`;
  if (value.length > options.max) return `must have at most ${options.max} items (got ${value.length})`;
  return undefined;
}

/**
 * Declares an array field. The `items` rule is checked here for the verdict only; field-errors.ts
 * re-runs it per item (found through the constraint's context) so each bad item gets its own path
 * such as `otherCategories[1]`, which class-validator's `each: true` cannot produce.
 */
export function ArrayOf(item: ItemRule, options: ArrayOptions): PropertyDecorator {
  const context: ItemsContext = { item, options };
  return (target: object, propertyName: string | symbol): void => {
    const validate = (value: unknown, object: object): boolean =>
      arrayProblem(value, options) === undefined &&
      (value === undefined || (value as unknown[]).every((entry, index, items) => item(entry, index, items, object) === undefined));
    addCheck(target, { property: String(propertyName), valid: validate });
    registerDecorator({
      name: ITEMS_CONSTRAINT,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { context },
      validator: {
        validate: (value: unknown, args?: ValidationArguments): boolean => validate(value, args?.object ?? {}),
        defaultMessage: (args?: ValidationArguments): string =>
          `${args?.property ?? String(propertyName)} ${arrayProblem(args?.value, options) ?? 'has invalid items'}`,
      },
    });
  };
}

const objectItem: ItemRule = (item) => (typeof item === 'object' && item !== null && !Array.isArray(item) ? undefined : 'must be an object');

type NestedClasses = Map<string, () => new () => object>;
const nestedClasses = new WeakMap<object, NestedClasses>();

/** The DTO class of a NestedArray property, looked up along the prototype chain (DTOs inherit). */
export function nestedClassOf(cls: new () => object, propertyName: string): (new () => object) | undefined {
  for (let proto: unknown = cls.prototype; typeof proto === 'object' && proto !== null; proto = Object.getPrototypeOf(proto)) {
    const found = nestedClasses.get(proto)?.get(propertyName);
    if (found) return found();
  }
  return undefined;
}

/**
 * An array of nested DTOs: shape and per-item object check here, fields by the nested class. @Type
 * keeps the DTOs usable with plainToInstance elsewhere; the hub's own hot path reads the same
 * information from `nestedClassOf` (see instantiate.ts).
 */
export function NestedArray(cls: () => new () => object, options: ArrayOptions): PropertyDecorator {
  const shape = ArrayOf(objectItem, options);
  const nested = ValidateNested({ each: true });
  const typed = Type(cls);
  return (target: object, propertyName: string | symbol): void => {
    shape(target, propertyName);
    nested(target, propertyName);
    typed(target, propertyName);
    const own = nestedClasses.get(target) ?? new Map<string, () => new () => object>();
    own.set(String(propertyName), cls);
    nestedClasses.set(target, own);
  };
}

/** Human names of nested DTO classes, for "unknown field" messages. */
const nouns = new WeakMap<object, string>();

export function Noun(noun: string): ClassDecorator {
  return (target) => {
    nouns.set(target, noun);
  };
}

export function nounOf(cls: unknown): string | undefined {
  return typeof cls === 'function' ? nouns.get(cls) : undefined;
}
