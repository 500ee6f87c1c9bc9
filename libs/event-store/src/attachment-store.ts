import { createHash } from 'node:crypto';
import { Objm, StorageType, type ObjectInfo, type ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import { DiscardPolicy, StorageType as JsStorageType, type StreamConfig } from '@nats-io/jetstream';

/** The JetStream object store bucket holding attachments (its stream is `OBJ_<bucket>`). */
export const ATTACHMENT_BUCKET = 'HUB_ATTACHMENTS';
export const ATTACHMENT_STREAM = `OBJ_${ATTACHMENT_BUCKET}`;
/** `$O.<bucket>.C.<nuid>` chunks and `$O.<bucket>.M.<name>` metadata. */
export const ATTACHMENT_SUBJECTS = `$O.${ATTACHMENT_BUCKET}.>`;

/** The object store's digest of a file whose hex SHA-256 is `sha256`: `SHA-256=<base64url, padded>`. */
export function objectDigestOf(sha256: string): string {
  return `SHA-256=${Buffer.from(sha256, 'hex').toString('base64').replace(/\+/g, '-').replace(/\//g, '_')}`;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The bucket's stream as the object store client creates it (what a cluster operator adds with `nats stream
 * add`): chunk and metadata subjects, rollups for metadata, new writes refused when full rather than old
 * attachments dropped.
 */
export function attachmentStreamConfig(options: { replicas?: number } = {}): Partial<StreamConfig> & { name: string } {
  return {
    name: ATTACHMENT_STREAM,
    description: 'Hub attachments, named by their SHA-256',
    subjects: [`$O.${ATTACHMENT_BUCKET}.C.>`, `$O.${ATTACHMENT_BUCKET}.M.>`],
    storage: JsStorageType.File,
    num_replicas: options.replicas ?? 1,
    max_age: 0,
    discard: DiscardPolicy.New,
    allow_rollup_hdrs: true,
    allow_direct: true,
  };
}

/** Creates the bucket if missing (the launcher's and the test harness's admin connection). */
export async function ensureAttachmentBucket(nc: NatsConnection, options: { replicas?: number } = {}): Promise<void> {
  await new Objm(nc).create(ATTACHMENT_BUCKET, { storage: StorageType.File, replicas: options.replicas ?? 1, description: 'Hub attachments, named by their SHA-256' });
}

/** What the store knows of one attachment. */
export interface StoredAttachment {
  sha256: string;
  size: number;
  /** The store's digest agrees with the name (the bytes are the ones the name promises). */
  digestMatches: boolean;
}

/**
 * Attachments addressed by SHA-256: the object's name is the hex digest of its bytes, so storing the same
 * file twice stores it once, and a name can only ever hold those bytes (the store checks the digest on read).
 */
export class AttachmentStore {
  private store: Promise<ObjectStore> | undefined;

  constructor(private readonly nc: NatsConnection) {}

  private open(): Promise<ObjectStore> {
    // Opened without the stream-info probe: readers are granted only message gets on the bucket.
    this.store ??= new Objm(this.nc).open(ATTACHMENT_BUCKET, false);
    return this.store;
  }

  /** Stores `bytes` under their SHA-256 unless already there; answers the digest and whether it was new. */
  async put(bytes: Uint8Array): Promise<{ sha256: string; created: boolean }> {
    const sha256 = sha256Hex(bytes);
    const store = await this.open();
    const existing = await store.info(sha256);
    // Already there with these bytes (digest and size): nothing to write. Anything else under the name is replaced.
    if (existing && !existing.deleted && existing.size === bytes.length && existing.digest === objectDigestOf(sha256)) return { sha256, created: false };
    const info = await store.putBlob({ name: sha256 }, bytes);
    if (info.digest !== objectDigestOf(sha256)) throw new Error(`object store digest ${info.digest} does not match ${sha256}`);
    return { sha256, created: true };
  }

  /** The stored object's size and whether its digest is the name's, or undefined when absent. */
  async info(sha256: string): Promise<StoredAttachment | undefined> {
    const info: ObjectInfo | null = await (await this.open()).info(sha256);
    if (!info || info.deleted) return undefined;
    return { sha256, size: info.size, digestMatches: info.digest === objectDigestOf(sha256) };
  }

  /** The bytes (the client verifies the digest while reading), or undefined when absent. */
  async get(sha256: string): Promise<Uint8Array | undefined> {
    const bytes = await (await this.open()).getBlob(sha256);
    return bytes ?? undefined;
  }
}
