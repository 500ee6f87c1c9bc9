/**
 * Strings numbered 0, 1, 2… in the order they were first added, looked up by an open-addressing table in one typed
 * array: each entry holds a 32-bit hash of its string beside the string's number, so a probe reads one cache line
 * and compares the strings themselves only when the hashes agree. A `Map<string, number>` of a verify pass's
 * ~750k aggregate subjects cost the in-order thread ~2.4 µs per lookup (~40% of its work): every probe followed
 * pointers into the map's entries and then into the key strings, each a cache miss at that size. A collision costs
 * a comparison, never a wrong answer: equal hashes of different strings probe on.
 */
export class StringSlots {
  /** Pairs [hash, number + 1] (0: empty). A power of two of pairs, at most half full. */
  private table = new Int32Array(2 << 12);
  private mask = (1 << 12) - 1;
  private readonly strings: string[] = [];
  /** Where the last {@link find} of an absent string stopped, so an {@link add} right after it need not probe again. */
  private missed: string | undefined;
  private missedAt = 0;
  private missedHash = 0;

  /** `hash`: a string's 32-bit hash (a test may give a poor one, to make every lookup a collision). */
  constructor(private readonly hash: (key: string) => number = hashOf) {}

  get size(): number {
    return this.strings.length;
  }

  /** The string's number, or -1 when it was never added. */
  find(key: string): number {
    const hash = this.hash(key) | 0;
    const table = this.table;
    let at = hash & this.mask;
    for (;;) {
      const entry = table[2 * at + 1] as number;
      if (entry === 0) break;
      if (table[2 * at] === hash && this.strings[entry - 1] === key) return entry - 1;
      at = (at + 1) & this.mask;
    }
    this.missed = key;
    this.missedAt = at;
    this.missedHash = hash;
    return -1;
  }

  /** Numbers a string not added before (the caller has found it absent): its number. */
  add(key: string): number {
    if (this.missed !== key && this.find(key) !== -1) throw new RangeError(`${key} was added already`);
    const number = this.strings.length;
    this.strings.push(key);
    this.table[2 * this.missedAt] = this.missedHash;
    this.table[2 * this.missedAt + 1] = number + 1;
    this.missed = undefined;
    if (2 * this.strings.length > this.mask) this.grow();
    return number;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(2 * old.length);
    this.mask = 2 * this.mask + 1;
    for (let i = 0; i < old.length; i += 2) {
      const entry = old[i + 1] as number;
      if (entry === 0) continue;
      const hash = old[i] as number;
      let at = hash & this.mask;
      while (this.table[2 * at + 1] !== 0) at = (at + 1) & this.mask;
      this.table[2 * at] = hash;
      this.table[2 * at + 1] = entry;
    }
  }
}

/** FNV-1a over the UTF-16 code units, then mixed (murmur3's finaliser) so the low bits index the table well. */
export function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
