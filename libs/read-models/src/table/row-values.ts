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
