/**
 * Least-recently-used map of read-model rows (Map keeps insertion order; a touch re-inserts). Bounded, so
 * a projector running for months holds only the aggregates it has seen lately.
 */
export class StateCache<S> {
  private readonly map = new Map<string, S>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): S | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: S): void {
    this.map.delete(key);
    this.map.set(key, value);
  }

  /** Evicts the least recently used entries beyond capacity; returns how many went. */
  trim(): number {
    let evicted = 0;
    for (const key of this.map.keys()) {
      if (this.map.size <= this.capacity) break;
      this.map.delete(key);
      evicted += 1;
    }
    return evicted;
  }

  clear(): void {
    this.map.clear();
  }
}
