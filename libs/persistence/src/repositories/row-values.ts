/** Conversions between PostgreSQL result values and the projections' plain values. */

/** timestamptz → ISO string (pg returns Date). */
export function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export function isoRequired(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/** bigint / numeric → number (pg returns strings for both). */
export function num(value: string | number | null): number | null {
  return value === null ? null : Number(value);
}

export function numRequired(value: string | number): number {
  return Number(value);
}

/** Splits `<a>\u0000<b>` composite keys into two parallel arrays for `unnest($1::text[], $2::text[])`. */
export function keyColumns(keys: Iterable<{ unit: string; id: string }>): [string[], string[]] {
  const units: string[] = [];
  const ids: string[] = [];
  for (const key of keys) {
    units.push(key.unit);
    ids.push(key.id);
  }
  return [units, ids];
}

/** `a = EXCLUDED.a, b = EXCLUDED.b` for INSERT … ON CONFLICT DO UPDATE. */
export function assignments(columns: readonly string[]): string {
  return columns.map((column) => `${column} = EXCLUDED.${column}`).join(', ');
}

