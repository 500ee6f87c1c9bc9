import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { headsMismatch, streamIdentity, type JetStreamEventStore, type StreamIdentity, type SweepMark } from '@hub/event-store';
import type { DepartmentStateSnapshot } from './department-state.js';

// 2: the request book (referrals, closure requests, transfers) replaced the referral book; a /1 file is not
// used (one full fold), since its own-subject reads never folded the closure requests and transfers it holds.
const FORMAT = 'hub-department-snapshot/2';

interface SnapshotFile {
  format: typeof FORMAT;
  department: string;
  identity: StreamIdentity;
  writtenAt: string;
  state: DepartmentStateSnapshot;
  /** How far the start-up sweep found the department's events settled (absent in files written before it was kept). */
  sweep?: SweepMark;
}

/** Why a snapshot was not used (the service then folds the whole stream, as without one). */
export type SnapshotLoad = { ok: true; state: DepartmentStateSnapshot; lastSeq: number; sweep?: SweepMark } | { ok: false; reason: string };

/**
 * A department's folded state on local disk (HUB_INDEX_SNAPSHOT_DIR), so a restart reads only what was
 * stored after it instead of the whole history. The file is the state (v8 serialisation) behind its
 * sha256; it is owner-only, written to a temporary name and renamed, and checked against the stream
 * before use: same stream (creation time), not ahead of it, and its newest head is the event the stream
 * holds at that sequence. Anything else — a missing, torn, foreign or stale file — is a full fold.
 */
export class DepartmentSnapshots {
  constructor(
    private readonly dir: string,
    private readonly department: string,
  ) {}

  private get file(): string {
    return join(this.dir, `${this.department}.snapshot`);
  }

  async load(store: JetStreamEventStore): Promise<SnapshotLoad> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (error) {
      return { ok: false, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no snapshot yet' : `unreadable: ${(error as Error).message}` };
    }
    const digest = bytes.subarray(0, 32);
    const payload = bytes.subarray(32);
    if (bytes.length < 33 || !createHash('sha256').update(payload).digest().equals(digest)) return { ok: false, reason: 'its checksum does not match (torn or altered file)' };
    let file: SnapshotFile;
    try {
      file = deserialize(payload) as SnapshotFile;
    } catch (error) {
      return { ok: false, reason: `undecodable: ${(error as Error).message}` };
    }
    if (file.format !== FORMAT || file.department !== this.department) return { ok: false, reason: `not a ${FORMAT} of ${this.department}` };
    const mismatch = await headsMismatch(store, file.identity, file.state.heads);
    if (mismatch !== undefined) return { ok: false, reason: mismatch };
    const { lastSeq } = file.state.heads;
    return { ok: true, state: file.state, lastSeq, ...(isSweepMark(file.sweep) ? { sweep: file.sweep } : {}) };
  }

  /** Writes the state atomically (temporary file, fsync, rename); returns the bytes written. */
  async save(store: JetStreamEventStore, state: DepartmentStateSnapshot, sweep?: SweepMark): Promise<number> {
    const file: SnapshotFile = { format: FORMAT, department: this.department, identity: await streamIdentity(store), writtenAt: new Date().toISOString(), state, ...(sweep ? { sweep } : {}) };
    const payload = serialize(file);
    const digest = createHash('sha256').update(payload).digest();
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.write(digest);
      await handle.write(payload);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.file).catch(async (error: unknown) => {
      await rm(temporary, { force: true });
      throw error;
    });
    return digest.length + payload.length;
  }
}

function isSweepMark(value: unknown): value is SweepMark {
  const mark = value as Partial<SweepMark> | undefined;
  return Number.isSafeInteger(mark?.seq) && typeof mark?.at === 'string' && !Number.isNaN(Date.parse(mark.at));
}
