// What correlation makes of each entity a lead or case reported — for the record's own unit (lead detail)
// and for anyone shown the value: the key it became, a warning-list hit, and whether it links.
import { normaliseEntity } from '../../entity-keys/index.js';
import { keyString } from '../correlation/extract.js';
import { capLinkingKeys } from './key-cap.js';
import { warningKeyOf, type WarningHit, type WarningIndex } from './warning-lists.js';

export type EntityNoteReason = 'warning_list' | 'beyond_key_cap' | 'not_a_key' | 'repeated';

export interface EntityNote {
  readonly index: number;
  readonly kind: string;
  readonly value: string;
  /** The correlation key (absent when the value does not normalise). */
  readonly key?: string;
  readonly warning?: WarningHit;
  readonly links: boolean;
  /** Why it does not link. */
  readonly reason?: EntityNoteReason;
}

/**
 * Notes for `entities` as reported (`[{kind, value}]`), with the same rules the correlation engine applies. `index`
 * is the warning lists of the record's campaign (the warnings shown); `neverLinks` is what the engine excludes from
 * linking — every campaign's lists (linkExclusions), so a value only another campaign lists is shown without a
 * warning yet said not to link.
 */
export function entityNotes(
  entities: readonly unknown[],
  index: WarningIndex,
  maxKeys: number = index.maxLinkingKeysPerRecord,
  neverLinks: (key: string) => boolean = (key) => index.byKey.has(key),
): EntityNote[] {
  const parsed = entities.map((entity, i) => {
    const { kind, value } = (typeof entity === 'object' && entity !== null ? entity : {}) as { kind?: unknown; value?: unknown };
    const kindText = typeof kind === 'string' ? kind : String(kind);
    const result = normaliseEntity(kindText, value);
    const warnKey = warningKeyOf(kindText, value);
    return { index: i, kind: kindText, value: typeof value === 'string' ? value : String(value), key: result.ok ? keyString(result.key) : undefined, warning: warnKey === undefined ? undefined : index.byKey.get(warnKey) };
  });
  const firstOf = new Map<string, number>();
  for (const p of parsed) if (p.key !== undefined && !firstOf.has(p.key)) firstOf.set(p.key, p.index);
  const split = capLinkingKeys([...firstOf.keys()], neverLinks, maxKeys);
  const linking = new Set(split.linking);
  const beyond = new Set(split.beyondCap);
  return parsed.map((p): EntityNote => {
    const base = { index: p.index, kind: p.kind, value: p.value, ...(p.key === undefined ? {} : { key: p.key }), ...(p.warning === undefined ? {} : { warning: p.warning }) };
    if (p.warning !== undefined) return { ...base, links: false, reason: 'warning_list' };
    if (p.key === undefined) return { ...base, links: false, reason: 'not_a_key' };
    if (neverLinks(p.key)) return { ...base, links: false, reason: 'warning_list' };
    if (firstOf.get(p.key) !== p.index) return { ...base, links: false, reason: 'repeated' };
    if (beyond.has(p.key)) return { ...base, links: false, reason: 'beyond_key_cap' };
    return { ...base, links: linking.has(p.key) };
  });
}
