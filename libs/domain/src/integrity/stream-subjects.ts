import { CLOSURE_REQUESTERS } from '../catalogue/actions.js';
import { REPORTING_DEPARTMENTS } from '../catalogue/departments.js';

/**
 * The NATS subjects of the hub, spelled in one place. Events are stored under
 * `hub.evt.<department>.<region>.<aggregateType>.<aggregateId>`: a unit publishes only under its
 * department's prefix, the joint office (coordination) under `joint`, and filters are built from the same parts.
 */
const EVENT_PREFIX = 'hub.evt';

/** Every event of the stream (the stream's subjects, a whole-log replay). */
export const ALL_EVENT_SUBJECTS = `${EVENT_PREFIX}.>`;

const SEAL_PREFIX = 'hub.seal';

/** Every batch seal (DESIGN.md "Seals and checkpoints"): stored in the event stream beside the events. */
export const ALL_SEAL_SUBJECTS = `${SEAL_PREFIX}.>`;

/** The seals one department service instance signs: `hub.seal.<department>.<instance>`, one chain per subject. */
export function sealSubject(department: string, instance: string): string {
  return `${SEAL_PREFIX}.${department}.${instance}`;
}

/** Every seal a department's instances sign: `hub.seal.<department>.>`. */
export function departmentSealSubjects(department: string): string {
  return `${SEAL_PREFIX}.${department}.>`;
}

/** Whether a stream message is a seal rather than an event (consumers of the whole stream skip them). */
export const isSealSubject = (streamSubject: string): boolean => streamSubject.startsWith(`${SEAL_PREFIX}.`);

/** Whether a stream message is an event (`hub.evt.…`), not a seal or another kind the stream holds. */
export const isEventSubject = (streamSubject: string): boolean => streamSubject.startsWith(`${EVENT_PREFIX}.`);

/** The pseudo-department the joint office (联席会议办公室) publishes its concluded events under. */
export const JOINT_DEPARTMENT = 'joint';

/** Coordinators' link/unlink requests (core NATS request/reply, outside the stream). */
export const COORDINATION_MANUAL_SUBJECT = 'hub.coord.cluster.manual';

/** An admin's role grants and revocations (core NATS request/reply): the joint office publishes them. */
export const COORDINATION_ROLE_SUBJECT = 'hub.coord.people.role';

/** A line supervisor's return of a unit's filing (core NATS request/reply): the joint office publishes it. */
export const COORDINATION_RETURN_SUBJECT = 'hub.coord.report.return';

/** `hub.evt.<department>.<region>.<aggregateType>.<aggregateId>` */
export function eventSubject(department: string, region: string, aggregateType: string, aggregateId: string): string {
  return `${EVENT_PREFIX}.${department}.${region}.${aggregateType}.${aggregateId}`;
}

/** Every event a department publishes: `hub.evt.<department>.>`. */
export function departmentEventSubjects(department: string): string {
  return `${EVENT_PREFIX}.${department}.>`;
}

/** What a department service reads of the stream, one filter per consumer (NATS 2.9 has one filter per consumer). */
export interface DepartmentReadFilters {
  /** Its own events (id index, heads, lifecycle; its own referrals, requests and answers). */
  readonly own: string;
  /** Every unit's lead events: the referrals addressed to it are other units' lead.referred. */
  readonly leads: string;
  /** Every unit's referral chains: assistance requests (referral.requested, issue 15) live on the requester's. */
  readonly referrals: string;
  /**
   * The closure requesters' closure chains (closure.requested lives on the requester's own chain), for every
   * reporting department, since any may be addressed; empty for the joint office. Only the requesters':
   * another unit's closure answers are not read.
   */
  readonly closures: readonly string[];
  /** The police only: every unit's case chains (case.transferred, addressed to a police unit). */
  readonly cases: readonly string[];
}

/**
 * What a department service reads of the stream: the requests addressed to it are other units' events
 * (the answer rules: who may answer what). NATS permissions are generated from these filters (a department
 * may create consumers and direct gets filtered on them only: departmentReadSubjects), so widening what a
 * department reads is one change here.
 */
export function departmentReadFilters(department: string): DepartmentReadFilters {
  const addressable = (REPORTING_DEPARTMENTS as readonly string[]).includes(department);
  return {
    own: departmentEventSubjects(department),
    leads: `${EVENT_PREFIX}.*.*.lead.*`,
    referrals: `${EVENT_PREFIX}.*.*.referral.*`,
    closures: addressable ? CLOSURE_REQUESTERS.map((requester) => `${EVENT_PREFIX}.${requester}.*.closure.*`) : [],
    cases: department === 'police' ? [`${EVENT_PREFIX}.*.*.case.*`] : [],
  };
}

/** Every filter of departmentReadFilters, as the permissions list them. */
export function departmentReadSubjects(department: string): string[] {
  const filters = departmentReadFilters(department);
  return [filters.own, filters.leads, filters.referrals, ...filters.closures, ...filters.cases];
}

/** The joint office's events: `hub.evt.joint.>`. */
export const JOINT_EVENT_SUBJECTS = departmentEventSubjects(JOINT_DEPARTMENT);

/** A filter on the subject's parts, `*` where a part is not given; every event when none is. */
export function eventSubjectFilter(parts: { department?: string; region?: string; aggregateType?: string; aggregateId?: string }): string {
  const tokens = [parts.department, parts.region, parts.aggregateType, parts.aggregateId];
  if (tokens.every((token) => token === undefined)) return ALL_EVENT_SUBJECTS;
  const [department, region, aggregateType, aggregateId] = tokens.map((token) => token ?? '*') as [string, string, string, string];
  return eventSubject(department, region, aggregateType, aggregateId);
}
