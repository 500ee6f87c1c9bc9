/**
 * The state keys a writer has written since the read models were empty, as a Bloom filter: a key it never
 * added is certainly not there (so that row does not exist and need not be looked up), a key it holds was
 * probably written (looked up as before). Past the row cache's capacity a catch-up from zero otherwise reads
 * every new aggregate's key from PostgreSQL only to find nothing: ~1.2M empty primary-key probes at 1M events.
 *
 * Memory is fixed (2 MiB by default) whatever the number of keys; a false "probably" costs only the lookup the
 * writer made before. At the default size and 1.5M keys about 1% of new keys are looked up anyway, at 5M
 * keys about a fifth. It knows nothing (every key "probably written") until started on empty tables, and
 * again after forget(): whatever the writer learns otherwise (a careful commit, another writer) it cannot
 * vouch for.
 */
export class WrittenKeys {
  private readonly bits: Uint32Array;
  private readonly mask: number;
  private tracking = false;

  /** `log2Bits`: the filter holds 2^log2Bits bits (default 2^24 = 2 MiB). */
  constructor(log2Bits = 24) {
    this.bits = new Uint32Array(2 ** Math.max(log2Bits - 5, 0));
    this.mask = 2 ** log2Bits - 1;
  }

  /** From now on, every key written is added: the tables were empty. */
  start(): void {
    this.bits.fill(0);
    this.tracking = true;
  }

  /** Knows nothing any more (until started again). */
  forget(): void {
    this.tracking = false;
  }

  /** `key` of the state model at `model` (its index) has been written. */
  add(model: number, key: string): void {
    if (!this.tracking) return;
    const [h1, h2] = hashes(model, key);
    for (let i = 0, h = h1; i < PROBES; i++, h = (h + h2) | 0) {
      const bit = h & this.mask;
      this.bits[bit >>> 5] = (this.bits[bit >>> 5] as number) | (1 << (bit & 31));
    }
  }

  /** Whether `key` certainly has no row (never written since the tables were empty). */
  absent(model: number, key: string): boolean {
    if (!this.tracking) return false;
    const [h1, h2] = hashes(model, key);
    for (let i = 0, h = h1; i < PROBES; i++, h = (h + h2) | 0) {
      const bit = h & this.mask;
      if (((this.bits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return true;
    }
    return false;
  }
}

/** Bits set per key: about optimal for ~1.5M keys in 2^24 bits (~1% false "probably"). */
const PROBES = 4;

/** Two 32-bit hashes of (model, key) for double hashing: FNV-1a over the UTF-16 code units, then a finaliser for the second. */
function hashes(model: number, key: string): [number, number] {
  let h = (0x811c9dc5 ^ model) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  let g = h ^ (h >>> 16);
  g = Math.imul(g, 0x85ebca6b);
  g ^= g >>> 13;
  g = Math.imul(g, 0xc2b2ae35);
  g ^= g >>> 16;
  return [h, g | 1];
}
