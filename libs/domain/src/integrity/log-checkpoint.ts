import { CompactRange } from './merkle.js';
import type { EventSigner } from './signing.js';
import { verifySignature } from './signing.js';

/** The joint office's checkpoints form one chain: `log/hub` under the joint unit. */
export const CHECKPOINT_SUBJECT = 'log/hub';
export const CHECKPOINT_EVENT_TYPE = 'log.checkpointed';

/** A log.checkpointed event's data (LogCheckpointedData). */
export interface LogCheckpoint {
  treeSize: number;
  uptoSeq: number;
  root: string;
  /** The compact range as `<size>:<hex>`: the next checkpoint continues from it. */
  frontier: string[];
  signature: string;
}

/** What the joint key signs: short enough to read aloud from a printed briefing. */
export const checkpointStatement = (treeSize: number, uptoSeq: number, root: string): string => `net-sword/checkpoint/v1:${treeSize}:${uptoSeq}:${root}`;

export function signCheckpoint(range: CompactRange, uptoSeq: number, key: EventSigner): LogCheckpoint {
  const root = range.root();
  return {
    treeSize: range.size,
    uptoSeq,
    root,
    frontier: range.frontier().map((node) => `${node.size}:${node.hash}`),
    signature: key.sign(checkpointStatement(range.size, uptoSeq, root)),
  };
}

/** The compact range a checkpoint saved, to continue hashing after its uptoSeq. */
export function rangeOfCheckpoint(checkpoint: Pick<LogCheckpoint, 'frontier'>): CompactRange {
  return new CompactRange(checkpoint.frontier.map((node) => ({ size: Number(node.split(':')[0]), hash: node.split(':')[1] ?? '' })));
}

/** Whether the joint key (nkey `U…`) signed this tree head, and the frontier agrees with the root. */
export function checkpointValid(checkpoint: LogCheckpoint, publicKey: string): boolean {
  const range = rangeOfCheckpoint(checkpoint);
  return range.size === checkpoint.treeSize && range.root() === checkpoint.root && verifySignature(publicKey, checkpointStatement(checkpoint.treeSize, checkpoint.uptoSeq, checkpoint.root), checkpoint.signature);
}
