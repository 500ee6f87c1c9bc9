import { getMetadataStorage, ValidationTypes } from './class-validator-parts.js';
import { FIELD_CONSTRAINT, ITEMS_CONSTRAINT, nestedClassOf, ownChecksOf, type PropertyCheck } from './decorators.js';
import { EVENT_YEAR } from './rules.js';

/**
 * A DTO class's rules as one verdict function, built once per class. class-validator's validateSync looks
 * up and filters its whole metadata store for every object it validates (`getTargetValidationMetadatas`,
 * 22% of ingest CPU in a profile); valid data — nearly all of it — needs only the verdict. Invalid data still
 * goes through class-validator (validate.ts), so every message and path stays exactly as before.
 */
interface CompiledClass {
  /** Properties class-validator's whitelist accepts (those with any rule). */
  allowed: ReadonlySet<string>;
  checks: readonly PropertyCheck[];
  /** NestedArray properties and the class of their items. */
  nested: readonly (readonly [string, new () => object])[];
}

type DataClass = new () => object;

/** null: the class has a rule the hub's decorators did not declare, so only class-validator can judge it. */
const compiled = new WeakMap<DataClass, CompiledClass | null>();

function compile(cls: DataClass): CompiledClass | null {
  const checks: PropertyCheck[] = [];
  for (let proto: unknown = cls.prototype; typeof proto === 'object' && proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    checks.push(...ownChecksOf(proto));
  }
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  // forbidUnknownValues refuses an object whose class has no rule at all: class-validator's verdict.
  if (metadata.length === 0) return null;
  const custom = metadata.filter((m) => m.type === ValidationTypes.CUSTOM_VALIDATION && (m.name === FIELD_CONSTRAINT || m.name === ITEMS_CONSTRAINT));
  const nestedMetadata = metadata.filter((m) => m.type === ValidationTypes.NESTED_VALIDATION && m.each);
  // Every rule class-validator would run must be one of ours, once each (a raw @IsString, a ValidateIf,
  // a group, an overridden inherited rule all make the counts differ): otherwise no shortcut for this class.
  if (custom.length + nestedMetadata.length !== metadata.length || metadata.some((m) => (m.groups?.length ?? 0) > 0 || m.always === true)) return null;
  const sorted = (names: string[]): string => names.sort().join('\n');
  if (sorted(custom.map((m) => m.propertyName)) !== sorted(checks.map((c) => c.property))) return null;
  const nested: (readonly [string, DataClass])[] = [];
  for (const m of nestedMetadata) {
    const itemClass = nestedClassOf(cls, m.propertyName);
    if (!itemClass) return null;
    nested.push([m.propertyName, itemClass]);
  }
  return { allowed: new Set(metadata.map((m) => m.propertyName)), checks, nested };
}

function compiledFor(cls: DataClass): CompiledClass | null {
  let found = compiled.get(cls);
  if (found === undefined) {
    found = compile(cls);
    compiled.set(cls, found);
  }
  return found;
}

/** `object` is what rules see as the instance (class-validator's args.object). */
function passes(cls: DataClass, plain: Record<string, unknown>, object: object): boolean {
  const rules = compiledFor(cls);
  if (!rules) return false;
  for (const key of Object.keys(plain)) {
    // Inherited names (`__proto__`, `constructor`…) and unknown fields: class-validator's messages.
    if (key in Object.prototype || !rules.allowed.has(key)) return false;
  }
  for (const check of rules.checks) if (!check.valid(plain[check.property], object)) return false;
  for (const [property, itemClass] of rules.nested) {
    const items = plain[property];
    if (items === undefined) continue;
    // The property's ArrayOf check above passed: an array of plain objects.
    for (const item of items as Record<string, unknown>[]) if (!passes(itemClass, item, item)) return false;
  }
  return true;
}

/**
 * True when `data` certainly passes class-validator's check of `cls` (whitelist, every rule, nested items)
 * for an event of `year`; false when it fails or only class-validator can tell (then it must be asked).
 */
export function passesCompiled(cls: DataClass, data: Record<string, unknown>, year: number): boolean {
  // Rules read the event's year from the instance (eventYearOf); nested items never carry it, as in validate.ts.
  return passes(cls, data, { ...data, [EVENT_YEAR]: year });
}
