// Who sees what of a lead or case (DESIGN "Sharing"): existence — unit, department, region, date, category —
// is shared with every member of the joint meeting; content — summary, entities, attachments — only within
// the record's distribution level. Pure: every route that shows another unit's record asks this one function.
import { DEFAULT_DISTRIBUTION, isDistributionLevel, type DistributionLevel } from '../catalogue/distribution.js';

/**
 * The reader, as the sharing rules see it: a unit's clerk or head, a department line's supervisor, a
 * prefecture's joint meeting (all departments of one region), the joint office's coordinator, an auditor.
 */
export type SharingViewer =
  | { readonly kind: 'unit'; readonly department: string; readonly region: string }
  | { readonly kind: 'line'; readonly department: string }
  | { readonly kind: 'region'; readonly region: string }
  | { readonly kind: 'coordinator' }
  | { readonly kind: 'auditor' };

/** The owner of a record and the level it is shared at. */
export interface SharedRecord {
  readonly department: string;
  readonly region: string;
  readonly distribution: DistributionLevel;
}

/** `content`: everything; `existence`: who holds it, when and what category, and the request action. */
export type Visibility = 'content' | 'existence';

/**
 * Whether the viewer reads a record's content or only its existence. The owning unit, its line supervisor,
 * its prefecture's joint meeting, the coordinator and the auditors always read content (the `unit` level);
 * `line` adds every unit of the same department, `region` every unit of the same region, `joint` everyone.
 */
export function visibilityOf(record: SharedRecord, viewer: SharingViewer): Visibility {
  switch (viewer.kind) {
    case 'coordinator':
    case 'auditor':
      return 'content';
    case 'line':
      return viewer.department === record.department || record.distribution === 'joint' ? 'content' : 'existence';
    case 'region':
      return viewer.region === record.region || record.distribution === 'joint' ? 'content' : 'existence';
    case 'unit': {
      const sameDepartment = viewer.department === record.department;
      const sameRegion = viewer.region === record.region;
      if (sameDepartment && sameRegion) return 'content';
      switch (record.distribution) {
        case 'joint':
          return 'content';
        case 'line':
          return sameDepartment ? 'content' : 'existence';
        case 'region':
          return sameRegion ? 'content' : 'existence';
        case 'unit':
          return 'existence';
      }
    }
  }
}

/** A stored level, the campaign's default when the record names none (records stored before levels existed). */
export function distributionOf(value: unknown, campaignDefault: DistributionLevel = DEFAULT_DISTRIBUTION): DistributionLevel {
  return isDistributionLevel(value) ? value : campaignDefault;
}
