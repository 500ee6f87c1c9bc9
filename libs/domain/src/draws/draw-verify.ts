// Re-checking a draw from what the log holds: the commit (its hash and data), the reveal, the register as of
// the commit's `registerSeq` (folded by the caller from the same log), the campaign's inspector list and the
// joint office's key. Pure, so the gateway (over the archive) and the CLI (over the stream) share it.
import { canonicalJson } from '../integrity/canonical-json.js';
import {
  computeDraw,
  DRAW_ALGORITHM,
  DRAW_SEED_RULE,
  inspectorsHash,
  seedMessage,
  seedOf,
  targetsHash,
  type DrawAssignment,
  type DrawSkip,
  type DrawTarget,
  type Inspector,
} from './draw-algorithm.js';

/** draw.committed data as logged. */
export interface DrawCommittedFacts {
  item: string;
  region: string;
  kind?: string;
  status?: string;
  sampleSize?: number;
  sampleRatio?: number;
  inspectorsPerTarget: number;
  registerSeq: number;
  targets: DrawTarget[];
  targetsHash: string;
  inspectors: Inspector[];
  inspectorsHash: string;
  algorithm: string;
  seedRule: string;
}

/** draw.revealed data as logged. */
export interface DrawRevealedFacts {
  drawRef: string;
  commitHash: string;
  seedSignature: string;
  seed: string;
  selected: DrawAssignment[];
  skipped: DrawSkip[];
}

export interface DrawEvidence {
  committed: { hash: string; data: DrawCommittedFacts };
  revealed?: { data: DrawRevealedFacts };
  /** The register entries matching the commit's filter, folded from the log up to `registerSeq`. */
  registerTargets: readonly DrawTarget[];
  /** The drawing unit's inspector list in the draw lists of the draw's campaign; undefined: that campaign has no draw lists. */
  campaignInspectors: readonly Inspector[] | undefined;
  /** The campaign the draw belongs to (its time's), named in the inspectors_campaign check. */
  campaign?: string;
  /** Whether `sig` is the joint office's signature over `message` (its key as of the reveal). */
  jointSigned: (message: string, sig: string) => boolean;
}

export const DRAW_CHECKS = [
  'algorithm',
  'targets_hash',
  'targets_register',
  'inspectors_hash',
  'inspectors_campaign',
  'revealed',
  'commit_reference',
  'seed_signature',
  'seed',
  'selection',
] as const;
export type DrawCheck = (typeof DRAW_CHECKS)[number];

export interface DrawVerification {
  ok: boolean;
  /** The checks that failed, in the order above (empty when ok). */
  failed: DrawCheck[];
  checks: { check: DrawCheck; ok: boolean; message: string }[];
}

export const sampleOf = (data: Pick<DrawCommittedFacts, 'sampleSize' | 'sampleRatio'>): { size: number } | { ratio: number } =>
  data.sampleSize !== undefined ? { size: data.sampleSize } : { ratio: data.sampleRatio ?? 0 };

/** Every check of a draw, each with what it compared. A missing reveal fails the reveal's checks, not the commit's. */
export function verifyDraw(evidence: DrawEvidence): DrawVerification {
  const { committed, revealed } = evidence;
  const c = committed.data;
  const checks: DrawVerification['checks'] = [];
  const add = (check: DrawCheck, ok: boolean, message: string): void => void checks.push({ check, ok, message });
  add('algorithm', c.algorithm === DRAW_ALGORITHM && c.seedRule === DRAW_SEED_RULE, `algorithm ${c.algorithm}, seed rule ${c.seedRule} (this verifier knows ${DRAW_ALGORITHM}, ${DRAW_SEED_RULE})`);
  const logged = targetsHash(c.targets);
  add('targets_hash', logged === c.targetsHash, `committed ${c.targetsHash}, the logged list hashes to ${logged}`);
  const register = targetsHash(evidence.registerTargets);
  add('targets_register', register === c.targetsHash, `the register as of seq ${c.registerSeq} under the filter has ${evidence.registerTargets.length} operator(s), hash ${register}; committed ${c.targets.length}, hash ${c.targetsHash}`);
  const inspectors = inspectorsHash(c.inspectors);
  add('inspectors_hash', inspectors === c.inspectorsHash, `committed ${c.inspectorsHash}, the logged list hashes to ${inspectors}`);
  const campaignName = evidence.campaign ?? 'the campaign';
  if (evidence.campaignInspectors === undefined) add('inspectors_campaign', false, `${campaignName} has no draw lists to compare the inspector list with`);
  else {
    const campaign = inspectorsHash(evidence.campaignInspectors);
    add('inspectors_campaign', campaign === c.inspectorsHash, `the inspector list of the unit in ${campaignName}'s draw lists hashes to ${campaign}`);
  }
  if (revealed === undefined) {
    add('revealed', false, 'no draw.revealed in the log yet');
    return summary(checks);
  }
  const r = revealed.data;
  add('revealed', true, 'draw.revealed is in the log');
  add('commit_reference', r.commitHash === committed.hash, `the reveal names commit ${r.commitHash}, the logged commit is ${committed.hash}`);
  add('seed_signature', evidence.jointSigned(seedMessage(committed.hash), r.seedSignature), 'the joint office signed the commit hash with its registered key');
  const seed = seedOf(r.seedSignature);
  add('seed', seed === r.seed, `seed from the signature ${seed}, revealed ${r.seed}`);
  const recomputed = computeDraw({ targets: c.targets, inspectors: c.inspectors, sample: sampleOf(c), inspectorsPerTarget: c.inspectorsPerTarget, seed: r.seed });
  const same = canonicalJson(recomputed) === canonicalJson({ selected: r.selected, skipped: r.skipped });
  add('selection', same, same ? `${r.selected.length} operator(s) and their inspectors recomputed` : `recomputed ${recomputed.selected.map((s) => s.operator).join(', ')}; revealed ${r.selected.map((s) => s.operator).join(', ')}`);
  return summary(checks);
}

function summary(checks: DrawVerification['checks']): DrawVerification {
  const failed = checks.filter((c) => !c.ok).map((c) => c.check);
  return { ok: failed.length === 0, failed, checks };
}
