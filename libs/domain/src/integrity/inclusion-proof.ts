import type { BatchSeal } from './batch-seal.js';
import { sealSignatureValid } from './batch-seal.js';
import type { HubEvent } from './envelope.js';
import { hashEvent } from './event-hash.js';
import { rootFromInclusionPath } from './merkle.js';

/**
 * What `GET /api/v1/audit/proof?eventId=` answers: the event, where it sits among the leaves of its batch's
 * seal, the Merkle path from it to the seal's root, and the seal. Enough to check the event offline with
 * the department's public key alone.
 */
export interface InclusionProof {
  seq: number;
  streamSubject: string;
  event: HubEvent;
  /** The event's place among the seal's leaves (0-based, stream order). */
  leafIndex: number;
  /** How many events the seal covers. */
  treeSize: number;
  /** RFC 9162 audit path, hex, from the leaf up. */
  path: string[];
  sealSeq: number;
  sealSubject: string;
  seal: BatchSeal;
}

export type ProofProblem = 'event altered' | 'not in the sealed tree' | 'seal not signed by that key' | 'seal does not list the event';

/** Checks a proof against the signing department's public key (nkey `U…`); [] when it holds. */
export function checkInclusionProof(proof: InclusionProof, publicKey: string): ProofProblem[] {
  const problems: ProofProblem[] = [];
  if (hashEvent(proof.event) !== proof.event.hash) problems.push('event altered');
  if (rootFromInclusionPath(proof.event.hash, proof.leafIndex, proof.treeSize, proof.path) !== proof.seal.root || proof.treeSize !== proof.seal.count) problems.push('not in the sealed tree');
  if (!proof.seal.batch.some(([from, to]) => from <= proof.seq && proof.seq <= to)) problems.push('seal does not list the event');
  if (!sealSignatureValid(proof.seal, publicKey)) problems.push('seal not signed by that key');
  return problems;
}
