/** An event hash as the hub writes it: sha256 in lowercase hex. */
const CANONICAL_HASH = /^[0-9a-f]{64}$/;

/**
 * Each aggregate's last version and hash, for a verification pass over the whole log: a million events make
 * ~750k aggregates. Kept in columns (a slot per aggregate, the hash as 32 bytes) rather than as an object per
 * aggregate holding its hash as a string: the strings were slices of the batch texts the worker threads send, so
 * each kept its whole batch alive, and the objects made every full collection of the main thread walk them all.
 * A hash that is not lowercase hex (only a corrupt or forged event has one) is kept as it is, so comparing with it
 * stays exact.
 */
export class AggregateHeads {
  private readonly slots = new Map<string, number>();
  private versions = new Float64Array(1 << 12);
  private hashes = Buffer.alloc(32 << 12);
  private readonly odd = new Map<number, string>();
  private readonly scratch = Buffer.alloc(32);

  get size(): number {
    return this.slots.size;
  }

  /** The aggregate's slot, or -1 when none of its events was seen yet. */
  slotOf(streamSubject: string): number {
    return this.slots.get(streamSubject) ?? -1;
  }

  /** Starts an aggregate at its first event seen. `hex`: see {@link move}. */
  add(streamSubject: string, version: number, hash: string, hex?: boolean): void {
    const slot = this.slots.size;
    if (slot === this.versions.length) this.grow();
    this.slots.set(streamSubject, slot);
    this.move(slot, version, hash, hex);
  }

  /**
   * The aggregate's head moves on to its next event. `hex`: the caller knows `hash` to be lowercase hex, 64 digits (a
   * verify pass's workers checked it), so it is not tested again here.
   */
  move(slot: number, version: number, hash: string, hex?: boolean): void {
    this.versions[slot] = version;
    if (hex === true || CANONICAL_HASH.test(hash)) {
      this.odd.delete(slot);
      this.hashes.write(hash, 32 * slot, 32, 'hex');
    } else this.odd.set(slot, hash);
  }

  /**
   * {@link add} from the hash as 32 bytes at `at` of `bytes`: a verify pass's workers decode the hex they checked,
   * so the in-order thread neither slices the hash out of their text nor decodes it again.
   */
  addBytes(streamSubject: string, version: number, bytes: Uint8Array, at: number): void {
    const slot = this.slots.size;
    if (slot === this.versions.length) this.grow();
    this.slots.set(streamSubject, slot);
    this.moveBytes(slot, version, bytes, at);
  }

  /** {@link move} from the hash as 32 bytes at `at` of `bytes` (see {@link addBytes}). */
  moveBytes(slot: number, version: number, bytes: Uint8Array, at: number): void {
    this.versions[slot] = version;
    if (this.odd.size > 0) this.odd.delete(slot);
    const to = 32 * slot;
    for (let i = 0; i < 32; i += 1) this.hashes[to + i] = bytes[at + i] as number;
  }

  /**
   * {@link hashIs} for a lowercase hex hash given as its 32 bytes at `at` of `bytes`: a head that is not lowercase
   * hex (kept as its string) never equals one that is.
   */
  hashBytesAre(slot: number, bytes: Uint8Array, at: number): boolean {
    if (this.odd.size > 0 && this.odd.has(slot)) return false;
    const from = 32 * slot;
    for (let i = 0; i < 32; i += 1) if (bytes[at + i] !== this.hashes[from + i]) return false;
    return true;
  }

  version(slot: number): number {
    return this.versions[slot] as number;
  }

  /** Exactly `hash === ` the head's hash. `hex`: as for {@link move}. */
  hashIs(slot: number, hash: string | null, hex?: boolean): boolean {
    if (hash === null) return false;
    const odd = this.odd.get(slot);
    if (odd !== undefined) return hash === odd;
    if (hex !== true && !CANONICAL_HASH.test(hash)) return false;
    this.scratch.write(hash, 'hex');
    const at = 32 * slot;
    for (let i = 0; i < 32; i += 1) if (this.scratch[i] !== this.hashes[at + i]) return false;
    return true;
  }

  hash(slot: number): string {
    return this.odd.get(slot) ?? this.hashes.toString('hex', 32 * slot, 32 * slot + 32);
  }

  private grow(): void {
    const versions = new Float64Array(2 * this.versions.length);
    versions.set(this.versions);
    this.versions = versions;
    const hashes = Buffer.alloc(2 * this.hashes.length);
    this.hashes.copy(hashes);
    this.hashes = hashes;
  }
}
