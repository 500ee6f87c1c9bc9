// Query-string parsing shared by the list endpoints: every bad parameter is reported by name (400),
// unknown parameters too, so a typo (`overdu=true`) is not silently ignored.
import { campaignById, campaignIds, currentCampaign, HubError, type CampaignDefinition, type FieldError } from '@hub/domain';

export type Query = Readonly<Record<string, unknown>>;

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1_000;

export class QueryReader {
  readonly errors: FieldError[] = [];

  constructor(
    private readonly query: Query,
    allowed: readonly string[],
  ) {
    for (const name of Object.keys(query)) {
      if (!allowed.includes(name)) this.errors.push({ path: name, message: `unknown query parameter (allowed: ${allowed.join(', ')})` });
    }
  }

  /** A single string value; a repeated parameter is an error. */
  text(name: string): string | undefined {
    const value = this.query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') {
      this.errors.push({ path: name, message: 'must be given once, non-empty' });
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(name: string, values: readonly T[], what = `one of ${values.join(', ')}`): T | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) {
      this.errors.push({ path: name, message: `must be ${what}` });
      return undefined;
    }
    return value as T;
  }

  matching(name: string, test: (value: string) => boolean, what: string): string | undefined {
    const value = this.text(name);
    if (value !== undefined && !test(value)) {
      this.errors.push({ path: name, message: `must be ${what}` });
      return undefined;
    }
    return value;
  }

  /** `?campaign=<id>`: that campaign's definition, the current campaign when absent (and after an error, which done() reports). */
  campaign(name = 'campaign'): CampaignDefinition {
    const id = this.matching(name, (value) => campaignById(value) !== undefined, `a campaign id: one of ${campaignIds().join(', ')}`);
    return (id === undefined ? undefined : campaignById(id)) ?? currentCampaign();
  }

  flag(name: string): boolean | undefined {
    const value = this.oneOf(name, ['true', 'false'] as const, 'true or false');
    return value === undefined ? undefined : value === 'true';
  }

  instant(name: string): Date | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const ms = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) {
      this.errors.push({ path: name, message: 'must be an ISO-8601 date or timestamp with offset, e.g. 2021-10-08T00:00:00+08:00' });
      return undefined;
    }
    return new Date(ms);
  }

  integer(name: string, min: number, max: number, fallback: number): number {
    const value = this.text(name);
    if (value === undefined) return fallback;
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      this.errors.push({ path: name, message: `must be a whole number from ${min} to ${max}` });
      return fallback;
    }
    return n;
  }

  page(): { limit: number; offset: number } {
    return { limit: this.integer('limit', 1, MAX_LIMIT, DEFAULT_LIMIT), offset: this.integer('offset', 0, Number.MAX_SAFE_INTEGER, 0) };
  }

  /** Throws 400 naming every bad parameter. */
  done(): void {
    if (this.errors.length > 0) {
      throw new HubError('VALIDATION_FAILED', `invalid query: ${this.errors.map((e) => e.path).join(', ')}`, { fields: this.errors });
    }
  }
}
