// Who may read which event of a timeline, event by event: a timeline gathers events of several units
// (a referral's sender and addressee, the joint office's conclusions), and taking part in one of them
// does not open the others.
import { REFERRAL_BIRTH_TYPES, referralKeyOf, referralSenderOf } from '@hub/domain';
import { coversUnit, type Scope } from '../auth/scope.js';

/** What the rule reads of an event. */
export interface VisibleEvent {
  readonly type: string;
  readonly source: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** What the rule needs beyond the event: the referrals (`<from>/referral/<id>`) addressed to a unit of the reader's scope. */
export interface VisibilityContext {
  readonly referralsToReader: ReadonlySet<string>;
}

const ANSWER_TYPES: ReadonlySet<string> = new Set(['referral.answered', 'referral.feedback', 'referral.overdue']);
const CLUSTER_TYPES: ReadonlySet<string> = new Set(['cluster.formed', 'cluster.grown', 'cluster.linked', 'cluster.unlinked']);

const text = (data: Readonly<Record<string, unknown>>, field: string): string => (typeof data[field] === 'string' ? data[field] : '');

/** The unit a lead.referred is addressed to, `<dept>/<region>`. */
const addresseeOf = (event: VisibleEvent): string => `${text(event.data, 'toDepartment')}/${text(event.data, 'toRegion')}`;

/** The referrals of `events` addressed to a unit of `scope`, for {@link mayReadEvent}'s context. */
export function visibilityContext(scope: Scope, events: readonly VisibleEvent[]): VisibilityContext {
  const referralsToReader = new Set<string>();
  if (scope.level === 'all') return { referralsToReader };
  for (const event of events) {
    const key = REFERRAL_BIRTH_TYPES.has(event.type) && coversUnit(scope, addresseeOf(event)) ? referralKeyOf(event) : undefined;
    if (key !== undefined) referralsToReader.add(key);
  }
  return { referralsToReader };
}

/**
 * May a reader of `scope` read `event`? The joint-meeting office and auditors (scope `all`) read
 * everything. Otherwise the reader reads, for the units its scope covers (its own unit; a line's units; a
 * prefecture's units): their own events; a referral addressed to one of them; the answers, feedback and
 * overdue notices of their referrals (as sender) and of referrals addressed to them; and the joint office's
 * conclusions about their leads (cluster members, jurisdiction suggestions naming their lead or suggesting
 * them). Nothing else — in particular not another unit's referral that reuses an id it knows.
 */
export function mayReadEvent(scope: Scope, event: VisibleEvent, context: VisibilityContext): boolean {
  if (scope.level === 'all') return true;
  const covered = (unit: string | undefined): boolean => unit !== undefined && coversUnit(scope, unit);
  if (covered(event.source)) return true;
  if (REFERRAL_BIRTH_TYPES.has(event.type)) return covered(addresseeOf(event));
  if (ANSWER_TYPES.has(event.type)) {
    const key = referralKeyOf(event);
    return covered(referralSenderOf(event)) || (key !== undefined && context.referralsToReader.has(key));
  }
  const ownRef = (value: unknown): boolean => isOwnRef(scope, value);
  if (event.type === 'jurisdiction.suggested') return ownRef(event.data['leadSubject']) || covered(addresseeOf(event));
  if (CLUSTER_TYPES.has(event.type)) {
    const members = event.data['members'];
    return Array.isArray(members) && members.some(ownRef);
  }
  return false;
}

/** `<dept>/<region>/lead/<id>`: a reference to a lead of a unit `scope` covers. */
function isOwnRef(scope: Scope, value: unknown): boolean {
  return typeof value === 'string' && coversUnit(scope, value.split('/').slice(0, 2).join('/'));
}

/**
 * What a reader of `scope` reads of an event it may read: all of it, except that a joint cluster event names only
 * the members of the reader's units, as the cluster's history does (ClustersService.get). One cluster.grown holds a
 * batch's growths of a cluster, so the event that names a unit's lead also names other units' leads.
 */
export function readableData(scope: Scope, event: VisibleEvent): Readonly<Record<string, unknown>> {
  const members = event.data['members'];
  if (scope.level === 'all' || !CLUSTER_TYPES.has(event.type) || !Array.isArray(members)) return event.data;
  return { ...event.data, members: members.filter((member) => isOwnRef(scope, member)) };
}
