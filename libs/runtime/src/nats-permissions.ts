// Least-privilege NATS permissions for every hub principal.
import { departmentEventSubjects, departmentHealthService, departmentSealSubjects, JOINT_DEPARTMENT, departmentReadSubjects, HEALTH_SUBJECTS, healthSubject, intakeSubject, JOINT_EVENT_SUBJECTS } from '@hub/domain';
import { ACCESS_STREAM, ACCESS_SUBJECTS, ATTACHMENT_STREAM, ATTACHMENT_SUBJECTS, EVENT_STREAM } from '@hub/event-store';
import { departmentOf, inboxPrefixFor, type Principal, type ServicePrincipal } from './principals.js';


export interface SubjectPermission {
  allow: string[];
  deny: string[];
}

export interface NatsPermissions {
  publish: SubjectPermission;
  subscribe: SubjectPermission;
  /** Lets the principal publish a single reply to any request it received. */
  allowResponses: boolean;
}

/** Durable consumer names reserved to their owning service (nobody else may create, pull, ack or delete them). */
export type DurableReservations = Partial<Record<Extract<ServicePrincipal, 'projector' | 'coordination' | 'auditor'>, readonly string[]>>;

export const DEFAULT_DURABLES: DurableReservations = {
  projector: ['projector'],
  coordination: ['coordination'],
};

const S = EVENT_STREAM;
const JS_INFO = '$JS.API.INFO';
const STREAM_INFO = `$JS.API.STREAM.INFO.${S}`;
const STREAM_MSG_GET = `$JS.API.STREAM.MSG.GET.${S}`;
const DIRECT_GET = [`$JS.API.DIRECT.GET.${S}`, `$JS.API.DIRECT.GET.${S}.>`];
/** Ordered/ephemeral consumers: create (old + 2.9 "create with name/filter" API), info, delete, pull. */
const CONSUMER_READ = [
  `$JS.API.CONSUMER.CREATE.${S}`,
  `$JS.API.CONSUMER.CREATE.${S}.>`,
  `$JS.API.CONSUMER.INFO.${S}.>`,
  `$JS.API.CONSUMER.DELETE.${S}.>`,
  `$JS.API.CONSUMER.MSG.NEXT.${S}.>`,
];
const CONSUMER_DURABLE = [`$JS.API.CONSUMER.DURABLE.CREATE.${S}.>`, `$JS.API.CONSUMER.NAMES.${S}`, `$JS.API.CONSUMER.LIST.${S}`];
const ACK = `$JS.ACK.${S}.>`;

/**
 * A department's consumers: only through the 2.9 create API whose subject carries the filter
 * (`$JS.API.CONSUMER.CREATE.<stream>.<name>.<filter>`; the server refuses a body whose filter differs
 * from the subject's), and only for its read filters. So no unfiltered consumer (the old
 * `CONSUMER.CREATE.<stream>` subject, or a name without a filter token) and no durable (DURABLE.CREATE).
 * Push consumers cannot be told apart by subject (deliver_subject is in the body, which nats-server
 * 2.9.10 does not check): the services that serve requests answer only the gateway's (see gateway-requests.ts).
 */
function departmentConsumers(department: string): string[] {
  return [
    ...departmentReadSubjects(department).map((filter) => `$JS.API.CONSUMER.CREATE.${S}.*.${filter}`),
    // Its own seals: the start-up sweep reads which of its events a seal already covers.
    `$JS.API.CONSUMER.CREATE.${S}.*.${departmentSealSubjects(department)}`,
    `$JS.API.CONSUMER.INFO.${S}.>`,
    `$JS.API.CONSUMER.DELETE.${S}.>`,
    `$JS.API.CONSUMER.MSG.NEXT.${S}.>`,
  ];
}

/** Direct gets addressed by subject (`$JS.API.DIRECT.GET.<stream>.<subject>`), for its read filters only. */
function departmentDirectGets(department: string): string[] {
  return departmentReadSubjects(department).map((filter) => `$JS.API.DIRECT.GET.${S}.${filter}`);
}

/**
 * The access log (HUB_ACCESS): the gateway appends to it and reads it back for auditors with ordered
 * consumers; nobody else touches it. Its own stream, so none of the event stream's rights cover it.
 */
const A = ACCESS_STREAM;
const ACCESS_RIGHTS = [
  ACCESS_SUBJECTS,
  `$JS.API.STREAM.INFO.${A}`,
  `$JS.API.CONSUMER.CREATE.${A}`,
  `$JS.API.CONSUMER.CREATE.${A}.>`,
  `$JS.API.CONSUMER.INFO.${A}.>`,
  `$JS.API.CONSUMER.DELETE.${A}.>`,
  `$JS.API.CONSUMER.MSG.NEXT.${A}.>`,
];
/**
 * The attachments bucket (JetStream object store `OBJ_HUB_ATTACHMENTS`, objects named by their SHA-256).
 * Reading an object's metadata is a message get: department services check, before they sign an
 * attachment.added, that the object is there with that digest and size. The gateway writes objects
 * (chunk and metadata publishes; never purge or delete: a stored name only ever holds its own bytes) and
 * reads them back for downloads through an ordered push consumer (create, flow control, delete).
 */
const O = ATTACHMENT_STREAM;
const ATTACHMENT_META_READ = [`$JS.API.STREAM.MSG.GET.${O}`, `$JS.API.DIRECT.GET.${O}`, `$JS.API.DIRECT.GET.${O}.>`];
const ATTACHMENT_RIGHTS = [
  ATTACHMENT_SUBJECTS,
  ...ATTACHMENT_META_READ,
  `$JS.API.STREAM.INFO.${O}`,
  `$JS.API.CONSUMER.CREATE.${O}`,
  `$JS.API.CONSUMER.CREATE.${O}.>`,
  `$JS.API.CONSUMER.INFO.${O}.>`,
  `$JS.API.CONSUMER.DELETE.${O}.>`,
  `$JS.FC.${O}.>`,
];

/** Coordinators' requests to the coordination service (link/unlink), outside the event stream's subjects. */
export const COORDINATION_REQUESTS = 'hub.coord.>';

/**
 * Where the services answer: every request they serve comes from the gateway (intake, readiness probes,
 * coordination's link/unlink and returns), so they may publish into its inbox — instead of `allow_responses`,
 * under which nats-server (2.9) tracks the reply subject of every message delivered to the client, JetStream
 * deliveries included: a department's start-up read of 20k events took 40 s under its own user against 4 s as
 * admin, each further read slower than the last (measured; the same read without allow_responses: 4 s).
 * A reply needs the request's random inbox token, which only the served request carries.
 */
const GATEWAY_REPLIES = `${inboxPrefixFor('gateway')}.>`;

/**
 * Whether subscription pattern `pattern` matches every subject `subject` (itself possibly a pattern) matches.
 * `hub.evt.>` covers `hub.evt.samr.>`; `*` covers one literal token.
 */
export function subjectCovers(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    const pt = p[i];
    const st = s[i];
    if (pt === '>') return s.length > i;
    if (st === undefined) return false;
    if (pt === '*') {
      if (st === '>') return false;
      continue;
    }
    if (pt !== st) return false;
  }
  return p.length === s.length;
}

/** Whether some subject matches both patterns (`a.*.c` and `a.b.>` overlap; `a.b` and `a.c` do not). */
export function subjectsOverlap(a: string, b: string): boolean {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const xt = x[i];
    const yt = y[i];
    if (xt === '>' || yt === '>') return xt !== undefined && yt !== undefined;
    if (xt === undefined || yt === undefined) return false;
    if (xt !== '*' && yt !== '*' && xt !== yt) return false;
  }
  return true;
}

/** Deny rules that keep everyone but the owner away from a reserved durable consumer (only where an allow would match). */
function durableGuards(principal: Principal, durables: DurableReservations, allow: readonly string[]): string[] {
  const deny: string[] = [];
  for (const [owner, names] of Object.entries(durables) as [Principal, readonly string[]][]) {
    if (owner === principal) continue;
    for (const name of names) {
      deny.push(
        `$JS.API.CONSUMER.CREATE.${S}.${name}`,
        `$JS.API.CONSUMER.CREATE.${S}.${name}.>`,
        `$JS.API.CONSUMER.DURABLE.CREATE.${S}.${name}`,
        `$JS.API.CONSUMER.DELETE.${S}.${name}`,
        `$JS.API.CONSUMER.MSG.NEXT.${S}.${name}`,
        `$JS.ACK.${S}.${name}.>`,
      );
    }
  }
  // Overlap, not cover: `CONSUMER.CREATE.<stream>.*.hub.evt.samr.>` admits a consumer named `projector` too.
  return deny.filter((subject) => allow.some((a) => subjectsOverlap(a, subject)));
}

/**
 * The permissions of one principal.
 * - `dept:<d>`: publish only `hub.evt.<d>.>` and its batch seals `hub.seal.<d>.>`; read the stream (info, msg get, and direct gets and
 *   consumers filtered on its departmentReadSubjects only: no unfiltered or durable consumers);
 *   serve `hub.intake.<d>` and its readiness probe `hub.health.dept.<d>`, and answer requests; never manage the
 *   stream or publish for another department.
 * - `gateway`: request `hub.intake.*` and the readiness probes `hub.health.>`, JetStream/stream info for health,
 *   and read the stream for auditors
 *   (ordered consumers, message gets; no durables, no acks); no event publishing.
 * - `projector` / `coordination` / `auditor`: durable and ephemeral consumers with acks; coordination also
 *   publishes `hub.evt.joint.>` (the joint office's events) and their seals `hub.seal.joint.>`; the auditor publishes no events. Projector and
 *   coordination answer their readiness probes (`hub.health.projector|coordination`).
 * - `admin`: everything (stream and consumer management; launcher and tests only).
 */
export function permissionsFor(principal: Principal, durables: DurableReservations = DEFAULT_DURABLES): NatsPermissions {
  const inbox = `${inboxPrefixFor(principal)}.>`;
  const publish = (allow: string[]): SubjectPermission => ({ allow, deny: durableGuards(principal, durables, allow) });
  const department = departmentOf(principal);
  if (department !== undefined) {
    return {
      // STREAM.MSG.GET stays: the append pipeline reads back the message a server-side duplicate ack names
      // by sequence, and the request carries the sequence in its body, where permissions cannot look.
      publish: publish([departmentEventSubjects(department), departmentSealSubjects(department), GATEWAY_REPLIES, JS_INFO, STREAM_INFO, STREAM_MSG_GET, ...departmentDirectGets(department), ...departmentConsumers(department), ...ATTACHMENT_META_READ]),
      subscribe: { allow: [intakeSubject(department), healthSubject(departmentHealthService(department)), inbox], deny: [] },
      allowResponses: false,
    };
  }
  switch (principal) {
    case 'admin':
      return { publish: { allow: ['>'], deny: [] }, subscribe: { allow: ['>'], deny: [] }, allowResponses: false };
    case 'gateway':
      // Reads the log for auditors (replay, verify, as-of) through ordered consumers and message gets only:
      // no durable consumers, no acks, no event publishing.
      return {
        publish: publish([intakeSubject('*'), COORDINATION_REQUESTS, HEALTH_SUBJECTS, JS_INFO, STREAM_INFO, STREAM_MSG_GET, ...DIRECT_GET, ...CONSUMER_READ, ...ACCESS_RIGHTS, ...ATTACHMENT_RIGHTS]),
        subscribe: { allow: [inbox], deny: [] },
        allowResponses: false,
      };
    case 'projector':
    case 'coordination':
    case 'auditor': {
      const reader = [JS_INFO, STREAM_INFO, STREAM_MSG_GET, ...DIRECT_GET, ...CONSUMER_READ, ...CONSUMER_DURABLE, ACK];
      const coordination = principal === 'coordination';
      // Projector and coordination answer the gateway's readiness probe; the auditor (a person's tool) does not.
      const health = principal === 'auditor' ? [] : [healthSubject(principal)];
      // Projector and coordination answer the gateway (probes; coordination also link/unlink and returns).
      const replies = principal === 'auditor' ? [] : [GATEWAY_REPLIES];
      return {
        publish: publish(coordination ? [JOINT_EVENT_SUBJECTS, departmentSealSubjects(JOINT_DEPARTMENT), ...replies, ...reader] : [...replies, ...reader]),
        // The coordination service answers coordinators' link/unlink requests.
        subscribe: { allow: coordination ? [inbox, COORDINATION_REQUESTS, ...health] : [inbox, ...health], deny: [] },
        allowResponses: false,
      };
    }
    default:
      throw new Error(`unknown principal ${String(principal)}`);
  }
}
