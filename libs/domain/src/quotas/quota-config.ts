// Quota settings: defaults from the environment, per-unit overrides from a JSON file. Parsed here (pure)
// so a typo fails the service at start with the variable or the file's key named, not at the first
// submission.
import { DEFAULT_QUOTA_LIMITS, type QuotaLimits } from './quota.js';

export interface QuotaSettings {
  defaults: QuotaLimits;
  /** `dept/region` → the limits that differ for that unit. */
  units: Readonly<Record<string, Partial<QuotaLimits>>>;
}

export const DEFAULT_QUOTA_SETTINGS: QuotaSettings = { defaults: DEFAULT_QUOTA_LIMITS, units: {} };

export class QuotaConfigError extends Error {}

const UNIT = /^[a-z_]+\/\d{6}$/;
const LIMIT_KEYS: readonly (keyof QuotaLimits)[] = ['eventsPerDay', 'storedBytes', 'warnAt'];

function checked(name: string, key: keyof QuotaLimits, value: unknown): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw new QuotaConfigError(`${name} must be a number, got ${JSON.stringify(value)}`);
  if (key === 'warnAt') {
    if (!(number > 0 && number <= 1)) throw new QuotaConfigError(`${name} must be a fraction in (0, 1], got ${number}`);
  } else if (!Number.isSafeInteger(number) || number < 0) {
    throw new QuotaConfigError(`${name} must be a whole number ≥ 0, got ${number}`);
  }
  return number;
}

/** The limits that apply to `unit`: its overrides over the defaults. */
export function quotaLimitsFor(settings: QuotaSettings, unit: string): QuotaLimits {
  return { ...settings.defaults, ...settings.units[unit] };
}

/**
 * Settings from the environment's values (HUB_QUOTA_EVENTS_PER_DAY, HUB_QUOTA_STORED_BYTES, HUB_QUOTA_WARN_AT)
 * and the parsed HUB_QUOTAS_FILE (`{"samr/653100": {"eventsPerDay": 5000, "storedBytes": 1073741824}}`).
 */
export function parseQuotaSettings(env: Readonly<Record<string, string | undefined>>, overrides?: unknown, file = 'HUB_QUOTAS_FILE'): QuotaSettings {
  const fromEnv = (variable: string, key: keyof QuotaLimits): number => {
    const raw = env[variable];
    return raw === undefined || raw === '' ? DEFAULT_QUOTA_LIMITS[key] : checked(variable, key, raw);
  };
  const defaults: QuotaLimits = {
    eventsPerDay: fromEnv('HUB_QUOTA_EVENTS_PER_DAY', 'eventsPerDay'),
    storedBytes: fromEnv('HUB_QUOTA_STORED_BYTES', 'storedBytes'),
    warnAt: fromEnv('HUB_QUOTA_WARN_AT', 'warnAt'),
  };
  if (overrides === undefined) return { defaults, units: {} };
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) throw new QuotaConfigError(`${file} must hold a JSON object of units`);
  const units: Record<string, Partial<QuotaLimits>> = {};
  for (const [unit, limits] of Object.entries(overrides)) {
    if (!UNIT.test(unit)) throw new QuotaConfigError(`${file}: "${unit}" is not a unit (dept/region, e.g. samr/653100)`);
    if (typeof limits !== 'object' || limits === null || Array.isArray(limits)) throw new QuotaConfigError(`${file}: ${unit} must be an object of limits`);
    const unitLimits: Partial<QuotaLimits> = {};
    for (const [key, value] of Object.entries(limits as Record<string, unknown>)) {
      const limitKey = LIMIT_KEYS.find((k) => k === key);
      if (!limitKey) throw new QuotaConfigError(`${file}: ${unit}.${key} is not a limit (${LIMIT_KEYS.join(', ')})`);
      unitLimits[limitKey] = checked(`${file}: ${unit}.${key}`, limitKey, value);
    }
    units[unit] = unitLimits;
  }
  return { defaults, units };
}
