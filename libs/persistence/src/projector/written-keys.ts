/**
 * The keys of every row a writer has written since it started on empty tables, per state model: a key it
 * wrote has a row, one it never wrote has none. The row cache holds only the most recent states (bounded);
 * past its capacity every key of a new aggregate missed it and was looked up in PostgreSQL to find nothing —
 * at 1M events of the mixed log ~1.2M such lookups. With these sets catching up from zero needs no lookups at
 * all. Bounded too (a key costs ~100 bytes of heap): past `capacity` keys it forgets everything and knows
 * nothing more, and the writer looks up what its cache misses, as before.
 */
export class WrittenKeys {
  private readonly sets: Set<string>[];
  private size = 0;
  private tracking = false;

  constructor(
    models: number,
    readonly capacity: number,
  ) {
    this.sets = Array.from({ length: models }, () => new Set<string>());
  }

  /** The tables are empty: from now on, whatever is not added has no row. */
  start(): void {
    this.forget();
    this.tracking = true;
  }

  /** Knows nothing any more (the tables may hold rows it did not write). */
  forget(): void {
    for (const set of this.sets) set.clear();
    this.size = 0;
    this.tracking = false;
  }

  add(model: number, key: string): void {
    const set = this.sets[model];
    if (!this.tracking || set === undefined || set.has(key)) return;
    set.add(key);
    this.size += 1;
    if (this.size > this.capacity) this.forget();
  }

  /** Whether `key` is known to have no row of `model` (false when that is not known). */
  absent(model: number, key: string): boolean {
    return this.tracking && this.sets[model]?.has(key) === false;
  }
}
