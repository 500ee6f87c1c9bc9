import { flat } from '@hub/domain';
import type { JetStreamEventStore } from './jetstream-event-store.js';
import { headFromHeaders } from './event-codec.js';

/** Where an aggregate's chain ends: the next event is based on this. */
export interface SubjectHead {
  seq: number;
  version: number;
  hash: string;
}

/** Where an already stored event id lives. */
export interface StoredId {
  streamSubject: string;
  seq: number;
  version: number;
}

/** What {@link SubjectHeads} knows, as a snapshot holds it (restored, then caught up from `lastSeq` + 1). */
export interface SubjectHeadsState {
  heads: Map<string, SubjectHead>;
  ids: Map<string, StoredId>;
  lastSeq: number;
}

/**
 * The heads of every aggregate under one subject filter and the index of every stored event id.
 * It is the reason idempotency outlives the server's dedupe window: an id seen in the stream,
 * however long ago, is answered as a duplicate. It is rebuilt from message headers alone at start
 * and kept current by our own acks; appends from a peer instance show up through OCC failures,
 * which call {@link refresh}.
 */
export class SubjectHeads {
  private readonly heads = new Map<string, SubjectHead>();
  private readonly ids = new Map<string, StoredId>();
  private lastSeq = 0;

  constructor(
    private readonly store: JetStreamEventStore,
    readonly filter: string,
  ) {}

  get size(): { aggregates: number; ids: number; lastSeq: number } {
    return { aggregates: this.heads.size, ids: this.ids.size, lastSeq: this.lastSeq };
  }

  /** The state as folded so far (shared maps: serialise it before folding more). */
  exportState(): SubjectHeadsState {
    return { heads: this.heads, ids: this.ids, lastSeq: this.lastSeq };
  }

  /** Starts from a snapshot's state instead of the stream's beginning (before any catch-up). */
  importState(state: SubjectHeadsState): void {
    this.heads.clear();
    this.ids.clear();
    for (const [subject, head] of state.heads) this.heads.set(subject, head);
    for (const [id, stored] of state.ids) this.ids.set(id, stored);
    this.lastSeq = state.lastSeq;
  }

  head(streamSubject: string): SubjectHead | undefined {
    return this.heads.get(streamSubject);
  }

  storedId(id: string): StoredId | undefined {
    return this.ids.get(id);
  }

  /** Records a stored event; older news never overwrites a newer head. */
  record(streamSubject: string, id: string, seq: number, version: number, hash: string): void {
    // Kept for the process's life, one entry per event: a subject or id built from parts (the joint office's
    // derived ids are eight) is a tree of strings several times its flat size (issue 16: RSS).
    this.ids.set(flat(id), { streamSubject: flat(streamSubject), seq, version });
    const current = this.heads.get(streamSubject);
    if (!current || current.seq < seq) this.heads.set(streamSubject, { seq, version, hash });
    if (seq > this.lastSeq) this.lastSeq = seq;
  }

  /** Reads everything under the filter stored after what we have seen (headers only). */
  async catchUp(onProgress?: (seen: number) => void): Promise<number> {
    let seen = 0;
    for await (const msg of this.store.read({ filter: this.filter, fromSeq: this.lastSeq + 1, headersOnly: true })) {
      const head = headFromHeaders(msg.headers, msg.seq);
      this.record(msg.subject, head.id, msg.seq, head.version, head.hash);
      seen += 1;
      if (onProgress && seen % 10_000 === 0) onProgress(seen);
    }
    return seen;
  }

  /** Re-reads one aggregate from the stream after a peer wrote to it. */
  async refresh(streamSubject: string): Promise<SubjectHead | undefined> {
    for await (const msg of this.store.read({ filter: streamSubject, headersOnly: true })) {
      const head = headFromHeaders(msg.headers, msg.seq);
      this.record(msg.subject, head.id, msg.seq, head.version, head.hash);
    }
    return this.heads.get(streamSubject);
  }
}
