import { Field } from '../decorators.js';
import type { Rule } from '../decorators.js';
import { integer, shown } from '../rules.js';

const hex64: Rule = (value) => (typeof value === 'string' && /^[0-9a-f]{64}$/.test(value) ? undefined : `must be 64 lowercase hex digits (got ${shown(value)})`);

/** The compact range of the tree: one perfect subtree per set bit of treeSize, largest first, as `<size>:<hex>`. */
const frontier: Rule = (value, object) => {
  const size = (object as { treeSize?: unknown }).treeSize;
  if (!Array.isArray(value) || !value.every((node) => typeof node === 'string' && /^[1-9]\d*:[0-9a-f]{64}$/.test(node))) return `must be a list of "<size>:<64 hex>" (got ${shown(value)})`;
  const sizes = value.map((node: string) => Number(node.split(':')[0]));
  const perfect = sizes.every((n, i) => (n & (n - 1)) === 0 && (i === 0 || n < (sizes[i - 1] as number)));
  return perfect && sizes.reduce((a, b) => a + b, 0) === size ? undefined : 'must be decreasing powers of two that add up to treeSize';
};

/**
 * log.checkpointed — the joint office's tree head over every event of the log (DESIGN.md "Seals and
 * checkpoints"): the RFC 9162 root over all event hashes in stream order up to `uptoSeq`, signed on its own
 * with the joint key (`signature` over `net-sword/checkpoint/v1:<treeSize>:<uptoSeq>:<root>`) so a printed
 * briefing carrying it can be checked without the stream; `frontier` lets the next checkpoint continue
 * without rehashing the log.
 */
export class LogCheckpointedData {
  @Field(integer(Number.MAX_SAFE_INTEGER))
  treeSize!: number;

  @Field(integer(Number.MAX_SAFE_INTEGER))
  uptoSeq!: number;

  @Field(hex64)
  root!: string;

  @Field(frontier)
  frontier!: string[];

  @Field((value) => (typeof value === 'string' && /^[A-Za-z0-9+/]{86}==$/.test(value) ? undefined : `must be a base64 ed25519 signature (got ${shown(value)})`))
  signature!: string;
}
