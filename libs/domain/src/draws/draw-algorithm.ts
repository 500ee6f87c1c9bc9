// 双随机、一公开: the draw algorithm `net-sword/draw/v1`, pure and deterministic, so anyone holding the logged
// commit and reveal can recompute the selection. Every step is sha256 over canonical JSON or plain
// UTF-8 strings; nothing depends on the runtime's sort order, locale or random source.
import { hash } from 'node:crypto';
import { canonicalJson } from '../integrity/canonical-json.js';

export const DRAW_ALGORITHM = 'net-sword/draw/v1';
/**
 * The seed rule: the seed is sha256 of the joint office's ed25519 signature over
 * `net-sword/draw-seed/v1:<hash of the draw.committed event>`. The hash exists only once the commit is
 * stored (it covers the hub's recordedAt and the aggregate chain), and only the joint key can sign it, so
 * the drawing unit can neither know nor choose the seed when it commits to the target and inspector lists.
 */
export const DRAW_SEED_RULE = 'joint-signature/v1';
const SEED_PREFIX = 'net-sword/draw-seed/v1:';

/** One operator that may be drawn: its register entry (`<unit>/operator/<id>`) and canonical USCC, if it has one. */
export interface DrawTarget {
  operator: string;
  uscc?: string;
}

/** A declared conflict of interest (回避): with one register entry, or with every entry of a USCC. */
export interface InspectorConflict {
  operator?: string;
  uscc?: string;
  reason: string;
}

export interface Inspector {
  id: string;
  name: string;
  conflicts: InspectorConflict[];
}

/** Sample size (抽取数量) or ratio (抽取比例, 0 < r ≤ 1, at most 4 decimals). */
export type DrawSample = { size: number } | { ratio: number };

export interface DrawAssignment {
  operator: string;
  inspectors: string[];
}

export interface DrawSkip {
  operator: string;
  inspector: string;
  reason: string;
}

export interface DrawOutcome {
  selected: DrawAssignment[];
  skipped: DrawSkip[];
}

/**
 * sha256 of a text's UTF-8 bytes, in hex. The one-shot hash() (~0.7 µs against ~4 for a Hash object): the gateway
 * also looks every bearer key and session token up by it, once per authenticated request.
 */
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

/** Targets in canonical order (by register reference), each once: the form that is hashed and ranked. */
export function canonicalTargets(targets: readonly DrawTarget[]): DrawTarget[] {
  const byRef = new Map<string, DrawTarget>();
  for (const t of targets) byRef.set(t.operator, t.uscc === undefined ? { operator: t.operator } : { operator: t.operator, uscc: t.uscc });
  return [...byRef.values()].sort((a, b) => (a.operator < b.operator ? -1 : a.operator > b.operator ? 1 : 0));
}

/** sha256 of the canonical JSON of the canonical target list. */
export function targetsHash(targets: readonly DrawTarget[]): string {
  return sha256Hex(canonicalJson(canonicalTargets(targets)));
}

/** Inspectors in canonical order (by id), conflicts as declared. */
export function canonicalInspectors(inspectors: readonly Inspector[]): Inspector[] {
  return [...inspectors]
    .map((i) => ({ id: i.id, name: i.name, conflicts: i.conflicts.map((c) => ({ ...(c.operator ? { operator: c.operator } : {}), ...(c.uscc ? { uscc: c.uscc } : {}), reason: c.reason })) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function inspectorsHash(inspectors: readonly Inspector[]): string {
  return sha256Hex(canonicalJson(canonicalInspectors(inspectors)));
}

/** What the joint office signs to fix the seed of the draw whose commit event has this hash. */
export const seedMessage = (commitHash: string): string => `${SEED_PREFIX}${commitHash}`;

/** The seed from the joint office's signature (base64) over {@link seedMessage}. */
export const seedOf = (seedSignature: string): string => sha256Hex(`${SEED_PREFIX}${seedSignature}`);

const RATIO_SCALE = 10_000;

/** How many of `n` targets are drawn: a size is capped at n; a ratio is rounded up (at least one when n > 0). */
export function sampleCount(n: number, sample: DrawSample): number {
  if ('size' in sample) return Math.min(n, sample.size);
  // Integer arithmetic on the ratio in units of 1/10000, so 0.05 × 100 is exactly 5, never 5.000000000000001.
  return Math.min(n, Math.ceil((n * Math.round(sample.ratio * RATIO_SCALE)) / RATIO_SCALE));
}

/** The conflict's reason when `inspector` declared one with `target`. */
export function conflictOf(inspector: Inspector, target: DrawTarget): string | undefined {
  const found = inspector.conflicts.find((c) => (c.operator !== undefined && c.operator === target.operator) || (c.uscc !== undefined && target.uscc !== undefined && c.uscc === target.uscc));
  return found?.reason;
}

const byRank = <T>(items: readonly T[], rank: (item: T) => string, tie: (item: T) => string): T[] =>
  items
    .map((item) => ({ item, rank: rank(item), tie: tie(item) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0))
    .map((r) => r.item);

export interface DrawInput {
  targets: readonly DrawTarget[];
  inspectors: readonly Inspector[];
  sample: DrawSample;
  inspectorsPerTarget: number;
  seed: string;
}

/**
 * `net-sword/draw/v1` (随机抽取检查对象、随机选派执法检查人员):
 * 1. targets: rank each by sha256(`<seed>:target:<operator>`), the lowest `sampleCount` ranks are drawn, in rank order;
 * 2. inspectors, per drawn target in that order: rank every inspector by sha256(`<seed>:inspector:<operator>:<id>`)
 *    and take them lowest first until `inspectorsPerTarget` are assigned; one who declared a conflict with the
 *    target is skipped and the skip recorded with the declared reason (回避).
 * A target left with fewer inspectors than asked keeps those it has (the list was too short or too conflicted):
 * the reveal shows it, nothing is invented.
 */
export function computeDraw(input: DrawInput): DrawOutcome {
  const targets = canonicalTargets(input.targets);
  const inspectors = canonicalInspectors(input.inspectors);
  const k = sampleCount(targets.length, input.sample);
  const drawn = byRank(targets, (t) => sha256Hex(`${input.seed}:target:${t.operator}`), (t) => t.operator).slice(0, k);
  const selected: DrawAssignment[] = [];
  const skipped: DrawSkip[] = [];
  for (const target of drawn) {
    const assigned: string[] = [];
    for (const inspector of byRank(inspectors, (i) => sha256Hex(`${input.seed}:inspector:${target.operator}:${i.id}`), (i) => i.id)) {
      if (assigned.length >= input.inspectorsPerTarget) break;
      const reason = conflictOf(inspector, target);
      if (reason === undefined) assigned.push(inspector.id);
      else skipped.push({ operator: target.operator, inspector: inspector.id, reason });
    }
    selected.push({ operator: target.operator, inspectors: assigned });
  }
  return { selected, skipped };
}
