// GET /api/v1/clusters …: clusters of leads and cases sharing an entity key (the coordination service's state).
import type { OffsetPage } from '../common/common.contract.js';
import type { HitFeedbackCount, ValueWarning } from '../notifications/notifications.contract.js';

/** An entity key: `kind` (uscc, phone, domain, shop_url, listing_url, app_id, platform_account, waybill) and its canonical value. */
export interface ClusterKey {
  kind: string;
  /** Canonical value, e.g. `taobao:shop:778899` (may itself contain ':'). */
  value: string;
  /** In a cluster's detail: the value is on a warning list (added after it linked); it links nothing more. */
  warning?: ValueWarning;
}

/** A value a member carries that is on a warning list: shown next to it, never a link. */
export interface MemberWarning {
  kind: string;
  value: string;
  warning: ValueWarning;
}

/** One cluster as the list shows it. Times are ISO instants. */
export interface ClusterSummary {
  /** Derived from the first member, e.g. `samr-653100-lead-L-1`; stable across replays. */
  clusterId: string;
  /** When it first spanned ≥ 2 regions or departments (cluster.formed). */
  formedAt: string;
  /** Its last change (grown, linked, unlinked). */
  updatedAt: string;
  /** The keys its members share. */
  keys: ClusterKey[];
  /** Region codes of its members. */
  regions: string[];
  /** Department codes of its members. */
  departments: string[];
  crossRegion: boolean;
  crossDepartment: boolean;
  /** Member leads. */
  leadCount: number;
  /** Members of any kind (leads and cases). */
  memberCount: number;
}

/** How a member joined: by a shared key, or linked by a coordinator. */
export type ClusterMemberVia = 'key' | 'manual';

/** One member lead or case of a cluster. */
export interface ClusterMember {
  /** The unit's own lead (or case) id. */
  leadId: string;
  /** The qualified member `<department>/<region>/lead|case/<id>` (link/unlink take this). */
  member: string;
  /** `lead/<id>` or `case/<id>` (with `unit`, opens its timeline). */
  subject: string;
  /** The member's unit `<department>/<region>`. */
  unit: string;
  department: string;
  region: string;
  /** Violation category (catalogue `categories`), when known. */
  category: string | null;
  /** null when `visibility` is `existence`: the member is shared above the caller's level. */
  summary: string | null;
  reportedAt: string | null;
  /** `content`, or `existence` only (unit, department, region, date, category) for a member above the caller's sharing level. */
  visibility: 'content' | 'existence';
  via: ClusterMemberVia;
  /** The key it joined by (`kind:value`), when `via` is `key`. */
  key?: string;
  joinedAt: string;
  /** Values of its entities on a warning list (警示: 已知平台客服号码 …): they do not tie it to anyone. */
  warnings?: MemberWarning[];
}

/** A jurisdiction suggestion (jurisdiction.suggested) for one of the cluster's leads. */
export interface JurisdictionSuggestion {
  leadId: string;
  /** The qualified lead `<department>/<region>/lead/<id>`. */
  member: string;
  /** The competent unit's department and region. */
  suggestedDepartment: string;
  suggestedRegion: string;
  /** Why, in words (the suggestion's note, else its basis). */
  reason: string;
  /** The rule behind it, e.g. `registration_area`. */
  basis: string;
}

/** The joint events that shaped a cluster. */
export type ClusterEventType = 'cluster.formed' | 'cluster.grown' | 'cluster.linked' | 'cluster.unlinked';

/** One change of a cluster, oldest first. */
export interface ClusterHistoryEntry {
  type: ClusterEventType;
  at: string;
  /** `coordinator` for manual link/unlink, else `correlation`. */
  by: 'correlation' | 'coordinator';
  /** The qualified members the change concerns. */
  members: string[];
  /** The member's lead id, when the change concerns exactly one. */
  leadId?: string;
  /** Keys (`kind:value`) the change concerns. */
  keys: string[];
  /** The coordinator's reason for a manual change. */
  reason?: string;
}

/** GET /api/v1/clusters/:id: the cluster with its members from every department, suggestions and history. */
export interface ClusterDetail extends ClusterSummary {
  members: ClusterMember[];
  suggestions: JurisdictionSuggestion[];
  history: ClusterHistoryEntry[];
  /** Units' verdicts on hits on the cluster's values (confirmed / false positive), for the joint meeting. */
  feedback?: HitFeedbackCount[];
}

/** GET /api/v1/clusters: clusters, newest first. */
export type ClusterPage = OffsetPage<ClusterSummary>;

/** A value carried by more leads than the cap: it links nothing more. */
export interface OverCorrelatingValue {
  kind: string;
  value: string;
  /** How many leads and cases carry it. */
  count: number;
}

/** GET /api/v1/clusters/over-correlating (coordinator). */
export interface OverCorrelating {
  items: OverCorrelatingValue[];
}

/** The joint event a manual link/unlink was recorded as. */
export interface ClusterDecisionEvent {
  /** Event id (from the request's `id` when one was sent, so retries land on it). */
  id: string;
  /** `cluster.linked` | `cluster.unlinked`. */
  type: string;
  /** `cluster/<clusterId>`. */
  subject: string;
  time: string;
  /** `{clusterId, members, reason}`. */
  data: Record<string, unknown>;
  /** Stream sequence in the event log. */
  seq: number;
}

/** POST /api/v1/clusters/:id/link and /unlink (coordinator). */
export interface ClusterDecision {
  /** True: this request id was decided before; the stored event is returned, nothing new recorded. */
  duplicate: boolean;
  event: ClusterDecisionEvent;
}
