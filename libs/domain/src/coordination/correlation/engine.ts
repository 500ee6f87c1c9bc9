// The correlation engine: leads and cases that share an entity key join one cluster; a cluster
// that spans two regions or two departments is published (cluster.formed, then cluster.grown as
// members arrive). Guards: warning-listed values never link, a record links by at most `maxKeys` of its
// keys, a value carried by more than `cap` distinct units is over-correlating and links no further
// units' records (counted in units, so one unit flooding a value mutes nobody), and coordinators can unlink (detach
// members, block keys) and link (join members, lift blocks) by publishing cluster.unlinked /
// cluster.linked, which this engine folds like any other event.
//
// Determinism: every output is a function of the input order only (node ids follow arrival,
// cluster ids derive from members, the earliest-published id survives merges), so replaying the
// log reproduces the same clusters, the same findings and the same finding ids.
import type { ClusterLinkedData, ClusterUnlinkedData } from '../../events/data/coordination.dto.js';
import { MAX_CLUSTER_MEMBERS } from '../../events/data/coordination.dto.js';
import { LIMITS } from '../../events/rules.js';
import type { HubEvent } from '../../integrity/envelope.js';
import { deterministicEventId } from '../event-ids.js';
import { clusterIdFor, seedRefOf } from './cluster-id.js';
import { Components, NONE } from './components.js';
import { flat } from '../../flat-string.js';
import { buildExclusions } from './exclusions.js';
import { warningListsOf } from '../warning-lists/warning-lists.js';
import { currentCampaign } from '../../annex/campaigns.js';
import { extractKeys, type CorrelationInput } from './extract.js';
import {
  CorrelationError,
  DEFAULT_CORRELATION_CAP,
  type ClusterFinding,
  type ClusterView,
  type CorrelationErrorCode,
  type CorrelationOptions,
  type CorrelationOutcome,
  type CorrelationSnapshot,
  type LinkCommand,
  type ManualData,
  type ManualDecision,
  type UnlinkCommand,
} from './types.js';

interface Published {
  seed: number;
  readonly seq: number;
}

interface ManualEdge {
  readonly a: number;
  readonly b: number;
  active: boolean;
}

/** Changes a manual decision would make, applied for real or only simulated. */
interface Plan {
  readonly cuts?: ReadonlyMap<number, ReadonlySet<number>>;
  readonly blocked?: ReadonlySet<number>;
  readonly edgesOff?: ReadonlySet<number>;
}

const EMPTY: CorrelationOutcome = { findings: [], overCorrelating: [], excluded: [], beyondKeyCap: [], flagged: [], skipped: [], duplicate: false };

const UNSAFE_ID_CHAR = /[^A-Za-z0-9_/-]/;

const decodeKey = (incidence: number): number => (incidence >= 0 ? incidence : ~incidence);

function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

class Interner {
  private readonly index = new Map<string, number>();
  readonly names: string[] = [];

  /** The name's number, without adding it. */
  find(name: string): number | undefined {
    return this.index.get(name);
  }

  intern(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.index.set(name, i);
      this.names.push(name);
    }
    return i;
  }
}

export class CorrelationEngine {
  private readonly cap: number;
  private readonly maxKeys: number;
  private readonly exclusions: ReadonlySet<string>;
  private readonly comps = new Components();
  private readonly regions = new Interner();
  private readonly departments = new Interner();
  private readonly units = new Interner();

  private readonly memberByRef = new Map<string, number>();
  private readonly hashedSeeds = new Map<string, number>();
  // Per node (placeholders keep the arrays dense): member ref, its key incidences (a key node, or
  // ~node when the member arrived after the key hit the cap), key name, the key's holders.
  private readonly refOf: (string | undefined)[] = [];
  private readonly incidences: (number[] | undefined)[] = [];
  private readonly nameOf: (string | undefined)[] = [];
  private readonly holders: (number[] | undefined)[] = [];
  private readonly reportedIn: (string | undefined)[] = [];
  // Per member node: its arrival position (0, 1, …; correlation_members.position), which names the grown events.
  private readonly arrival: (number | undefined)[] = [];
  private readonly keyByName = new Map<string, number>();
  // Per key node: the units that carry it (interned, `units`), in arrival order: a unit's rank is its place, the
  // over-correlation count their number. Most values are carried by one unit: that unit's number alone, no array.
  private readonly unitsOn: (number | number[] | undefined)[] = [];
  // Per member: its keys beyond the per-record key cap (kept, never linking).
  private readonly capped = new Map<number, ReadonlySet<number>>();

  private readonly excludedKeys = new Set<number>();
  private readonly overCorrelatingKeys = new Set<number>();
  private readonly blocked = new Set<number>();
  private readonly vouched = new Set<number>();
  private readonly cuts = new Map<number, Set<number>>();
  private readonly edges: ManualEdge[] = [];
  private readonly edgesOf = new Map<number, number[]>();

  private readonly published = new Map<string, Published>();
  private readonly publishedBySeed = new Map<number, string[]>();
  private readonly manualLog: { afterMembers: number; type: 'cluster.linked' | 'cluster.unlinked'; data: ManualData }[] = [];
  private memberCount = 0;
  private publishCount = 0;

  constructor(options: CorrelationOptions = {}) {
    const cap = options.cap ?? DEFAULT_CORRELATION_CAP;
    if (!Number.isInteger(cap) || cap < 2) throw new RangeError(`the correlation cap must be a whole number ≥ 2, got ${cap}`);
    this.cap = cap;
    const maxKeys = options.maxKeys ?? warningListsOf(currentCampaign().id).maxLinkingKeysPerRecord;
    if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new RangeError(`the per-record key cap must be a whole number ≥ 1, got ${maxKeys}`);
    this.maxKeys = maxKeys;
    this.exclusions = options.exclusions ?? buildExclusions();
  }

  /** Rebuilds an engine from a snapshot by replaying its inputs (findings are recomputed, not returned). */
  static restore(snapshot: CorrelationSnapshot, options: CorrelationOptions = {}): CorrelationEngine {
    const engine = new CorrelationEngine(options);
    let next = 0;
    const addUpTo = (count: number): void => {
      for (; next < count && next < snapshot.members.length; next++) {
        const entry = snapshot.members[next];
        if (entry !== undefined) engine.addMember({ member: entry[0], department: entry[1], region: entry[2], keys: entry[3] });
      }
    };
    for (const manual of snapshot.manual) {
      addUpTo(manual.afterMembers);
      if (manual.type === 'cluster.linked') engine.applyLinked(manual.data);
      else engine.applyUnlinked(manual.data);
    }
    addUpTo(snapshot.members.length);
    return engine;
  }

  snapshot(): CorrelationSnapshot {
    const members: [string, string, string, string[]][] = [];
    for (let node = 0; node < this.comps.count; node++) {
      const ref = this.refOf[node];
      if (ref === undefined) continue;
      const keys = (this.incidences[node] ?? []).map((incidence) => this.keyName(decodeKey(incidence)));
      members.push([ref, this.departmentName(node), this.regionName(node), keys]);
    }
    return { format: 'net-sword/correlation/1', members, manual: this.manualLog.map((entry) => ({ ...entry })) };
  }

  /** Folds one log event: lead.reported / case.opened add a member; cluster.linked / unlinked apply. */
  ingest(event: Pick<HubEvent, 'type' | 'source' | 'subject' | 'data'>): CorrelationOutcome {
    switch (event.type) {
      case 'lead.reported':
      case 'case.opened': {
        const extracted = extractKeys(event);
        if (extracted === undefined) return { ...EMPTY, ignored: `${event.subject} is not a lead or case subject` };
        return { ...this.addMember(extracted), flagged: extracted.flagged, skipped: extracted.skipped };
      }
      case 'cluster.linked':
        return this.applyLinked(manualData(event.data));
      case 'cluster.unlinked':
        return this.applyUnlinked(manualData(event.data));
      default:
        return { ...EMPTY, ignored: `${event.type} does not take part in correlation` };
    }
  }

  /** Adds a member with its keys (extractKeys output); the core of `ingest`. */
  addMember(input: CorrelationInput): CorrelationOutcome {
    if (this.memberByRef.has(input.member)) return { ...EMPTY, duplicate: true };
    const m = this.newNode(true, this.regions.intern(input.region), this.departments.intern(input.department));
    const member = flat(input.member);
    this.memberByRef.set(member, m);
    this.refOf[m] = member;
    this.arrival[m] = this.memberCount;
    this.memberCount += 1;
    // Only references that cannot be a readable cluster id need the hash lookup (rare).
    if (input.member.length > 128 || UNSAFE_ID_CHAR.test(input.member)) this.hashedSeeds.set(clusterIdFor(input.member), m);

    const incidences: number[] = [];
    const linking: number[] = [];
    const excluded: string[] = [];
    const overCorrelating: string[] = [];
    const beyondKeyCap: string[] = [];
    const capped = new Set<number>();
    const unit = this.units.intern(`${input.department}/${input.region}`);
    let eligible = 0;
    input.keys.forEach((name, i) => {
      // A lead carries a handful of keys; a linear check beats allocating a Set per lead.
      if (input.keys.indexOf(name) !== i) return;
      const k = this.keyNode(name);
      if (this.excludedKeys.has(k)) {
        excluded.push(name);
        incidences.push(k);
        return;
      }
      if (eligible >= this.maxKeys) {
        // Kept in the member's incidences (a snapshot replays it), never a holder: it neither links nor counts.
        beyondKeyCap.push(name);
        capped.add(k);
        incidences.push(k);
        return;
      }
      eligible += 1;
      this.addHolder(k, m);
      const carriers = this.unitCountOn(k);
      const rank = this.rankOn(k, unit);
      if (rank === carriers && carriers + 1 === this.cap + 1) {
        this.overCorrelatingKeys.add(k);
        overCorrelating.push(name);
      }
      // The first `cap` units link on the value (all their records); later units' records do not.
      const incidence = rank < this.cap ? k : ~k;
      incidences.push(incidence);
      if (this.links(m, incidence)) linking.push(k);
    });
    // A copy the size of its content: the array pushed to reserves room for 17 (~110 bytes per member).
    this.incidences[m] = incidences.slice();
    if (capped.size > 0) this.capped.set(m, capped);
    return { ...EMPTY, findings: this.join(m, linking), excluded, overCorrelating, beyondKeyCap };
  }

  // ── manual decisions ────────────────────────────────────────────────────────────────────────

  /**
   * A coordinator's unlink, checked and turned into the cluster.unlinked payload; nothing changes
   * until the event comes back from the log. `members` in the payload are all members that leave
   * the cluster (the named ones and any that only hung on through them).
   */
  decideUnlink(command: UnlinkCommand): ManualDecision<'cluster.unlinked', ClusterUnlinkedData> {
    const refuse = (code: CorrelationErrorCode, message: string) => ({ ok: false as const, error: new CorrelationError(code, message) });
    if (blank(command.reason)) return refuse('REASON_REQUIRED', 'an unlink must give the reason');
    const named = command.members ?? [];
    const keys = command.keys ?? [];
    if ((named.length > 0) === (keys.length > 0)) return refuse('BAD_COMMAND', 'name either members to detach or keys to block');
    const root = this.resolveCluster(command.clusterId);
    if (root === undefined || !this.published.has(command.clusterId)) {
      return refuse('UNKNOWN_CLUSTER', `${command.clusterId} is not a current published cluster`);
    }
    const nodes = this.comps.nodesOf(root);
    const clusterMembers = nodes.filter((x) => this.comps.isMember(x));
    let split: { removed: number[]; keeper: number[] };
    let keyNodes: number[] = [];
    if (named.length > 0) {
      const detach = new Set<number>();
      for (const ref of named) {
        const node = this.memberByRef.get(ref);
        if (node === undefined) return refuse('UNKNOWN_MEMBER', `${ref} is not known to correlation`);
        if (this.comps.find(node) !== root) return refuse('NOT_A_MEMBER', `${ref} is not in ${command.clusterId}`);
        detach.add(node);
      }
      if (detach.size === clusterMembers.length) return refuse('REMOVES_EVERYTHING', 'an unlink must leave the cluster at least one member');
      const plan = this.planDetach(detach, clusterMembers);
      split = this.splitByAnchor(clusterMembers, this.simulate(nodes, plan), firstNotIn(clusterMembers, detach));
    } else {
      for (const name of keys) {
        const k = this.keyByName.get(name);
        if (k === undefined) return refuse('UNKNOWN_KEY', `${name} is not a known key`);
        if (this.comps.find(k) !== root || this.blocked.has(k)) return refuse('KEY_NOT_IN_CLUSTER', `${name} does not link ${command.clusterId}`);
        keyNodes.push(k);
      }
      split = this.splitByLargest(clusterMembers, this.simulate(nodes, { blocked: new Set(keyNodes) }));
    }
    if (split.removed.length === 0) return refuse('NO_EFFECT', 'no member would leave the cluster (use the exclusion list to stop a value linking at all)');
    if (split.removed.length > MAX_CLUSTER_MEMBERS) return refuse('TOO_LARGE', `${split.removed.length} members would leave; unlink in smaller steps`);
    keyNodes = keyNodes.sort((a, b) => a - b);
    return {
      ok: true,
      type: 'cluster.unlinked',
      subject: `cluster/${command.clusterId}`,
      data: {
        clusterId: command.clusterId,
        members: split.removed.map((x) => this.ref(x)),
        keys: keyNodes.map((k) => this.keyName(k)),
        reason: command.reason,
        ...this.flagsOf(split.keeper),
      },
    };
  }

  /**
   * A coordinator's link, checked and turned into the cluster.linked payload. `clusterId` in the
   * payload is the cluster that results (an older published cluster absorbs a younger one), and
   * `members` are the members that join it — all of them when it was not published before.
   */
  decideLink(command: LinkCommand): ManualDecision<'cluster.linked', ClusterLinkedData> {
    const refuse = (code: CorrelationErrorCode, message: string) => ({ ok: false as const, error: new CorrelationError(code, message) });
    if (blank(command.reason)) return refuse('REASON_REQUIRED', 'a link must give the reason');
    const named = command.members ?? [];
    const keys = command.keys ?? [];
    if ((named.length > 0) === (keys.length > 0)) return refuse('BAD_COMMAND', 'name either members to join or keys to relink');
    const roots = new Set<number>();
    if (command.clusterId !== undefined) {
      const root = this.resolveCluster(command.clusterId);
      if (root === undefined) return refuse('UNKNOWN_CLUSTER', `${command.clusterId} is not a current cluster`);
      roots.add(root);
    }
    const first: number[] = [];
    const keyNodes: number[] = [];
    if (named.length > 0) {
      for (const ref of named) {
        const node = this.memberByRef.get(ref);
        if (node === undefined) return refuse('UNKNOWN_MEMBER', `${ref} is not known to correlation`);
        roots.add(this.comps.find(node));
        first.push(node);
      }
    } else {
      for (const name of keys) {
        const k = this.keyByName.get(name);
        if (k === undefined) return refuse('UNKNOWN_KEY', `${name} is not a known key`);
        if (this.excludedKeys.has(k)) return refuse('EXCLUDED_KEY', `${name} is on the exclusion list; change the configuration instead`);
        if (!this.blocked.has(k) && !(this.overCorrelatingKeys.has(k) && !this.vouched.has(k))) continue;
        keyNodes.push(k);
        roots.add(this.comps.find(k));
        for (const holder of this.holdersOf(k)) if (!this.isCut(holder, k)) roots.add(this.comps.find(holder));
      }
      if (keyNodes.length === 0) return refuse('NO_EFFECT', 'none of the keys is blocked or over-correlating');
    }
    const withMembers = [...roots].filter((r) => this.comps.seed(r) !== NONE);
    if (withMembers.length < 2) return refuse('NO_EFFECT', 'the members are already in one cluster');
    let winner = withMembers[0] ?? NONE;
    for (const r of withMembers) if (this.comps.precedes(r, winner)) winner = r;
    const clusterId = this.idOfRoot(winner);
    const isPublished = this.published.has(clusterId);
    const joining: number[] = [];
    for (const r of withMembers) {
      if (isPublished && r === winner) continue;
      for (const x of this.comps.membersOf(r)) if (!isPublished || this.reportedIn[x] !== clusterId) joining.push(x);
    }
    // The named members lead, so that applying the event links them (not another member of
    // their cluster) to the target: the manual edge is exactly the one the coordinator asked for.
    const order = new Map(first.map((node, i) => [node, i]));
    joining.sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || a - b);
    if (joining.length === 0) return refuse('NO_EFFECT', 'nothing would join the cluster');
    if (joining.length > MAX_CLUSTER_MEMBERS) return refuse('TOO_LARGE', `${joining.length} members would join; link in smaller steps`);
    const all = withMembers.flatMap((r) => this.comps.membersOf(r));
    return {
      ok: true,
      type: 'cluster.linked',
      subject: `cluster/${clusterId}`,
      data: {
        clusterId,
        members: joining.map((x) => this.ref(x)),
        keys: keyNodes.sort((a, b) => a - b).map((k) => this.keyName(k)),
        reason: command.reason,
        ...this.flagsOf(all),
      },
    };
  }

  /** Applies a cluster.unlinked payload (from the log, or a snapshot). */
  applyUnlinked(data: ClusterUnlinkedData): CorrelationOutcome {
    const root = this.resolveCluster(data.clusterId);
    if (root === undefined) return { ...EMPTY, ignored: `${data.clusterId} is not a current cluster` };
    const nodes = this.comps.nodesOf(root);
    const clusterMembers = nodes.filter((x) => this.comps.isMember(x));
    let anchor: number;
    if (data.keys.length > 0) {
      for (const name of data.keys) {
        const k = this.keyNode(name);
        this.blocked.add(k);
        this.vouched.delete(k);
      }
      this.rebuild(nodes);
      anchor = this.splitByLargest(clusterMembers, (x) => this.comps.find(x)).keeper[0] ?? NONE;
    } else {
      const detach = new Set(data.members.map((ref) => this.memberByRef.get(ref)).filter((x): x is number => x !== undefined && this.comps.find(x) === root));
      anchor = firstNotIn(clusterMembers, detach);
      if (detach.size === 0 || anchor === NONE) return { ...EMPTY, ignored: 'the unlink names no detachable member' };
      const plan = this.planDetach(detach, clusterMembers);
      for (const [m, keys] of plan.cuts ?? []) {
        const cut = this.cuts.get(m) ?? new Set<number>();
        for (const k of keys) cut.add(k);
        this.cuts.set(m, cut);
      }
      for (const idx of plan.edgesOff ?? []) {
        const edge = this.edges[idx];
        if (edge !== undefined) edge.active = false;
      }
      this.rebuild(nodes);
    }
    this.logManual('cluster.unlinked', data);
    // The cluster keeps its id on the part that stays; its seed moves there so rebuilds agree.
    const keeperRoot = this.comps.find(anchor);
    const published = this.published.get(data.clusterId);
    if (published !== undefined) {
      const keeperSeed = this.comps.seed(keeperRoot);
      this.moveSeed(data.clusterId, published, keeperSeed);
    }
    this.assignIds(nodes);
    const findings: ClusterFinding[] = [];
    const done = new Set<number>([keeperRoot]);
    for (const x of clusterMembers) {
      const r = this.comps.find(x);
      if (r === keeperRoot) continue;
      if (this.reportedIn[x] === data.clusterId) this.reportedIn[x] = undefined;
    }
    for (const x of clusterMembers) {
      const r = this.comps.find(x);
      if (done.has(r)) continue;
      done.add(r);
      findings.push(...this.report(r, undefined, []));
    }
    return { ...EMPTY, findings };
  }

  /** Applies a cluster.linked payload (from the log, or a snapshot). */
  applyLinked(data: ClusterLinkedData): CorrelationOutcome {
    let anchor = NONE;
    if (data.keys.length > 0) {
      for (const name of data.keys) {
        const k = this.keyByName.get(name);
        if (k === undefined || this.excludedKeys.has(k)) continue;
        this.blocked.delete(k);
        if (this.overCorrelatingKeys.has(k)) this.vouched.add(k);
        for (const holder of this.holdersOf(k)) {
          const incidence = (this.incidences[holder] ?? []).find((i) => decodeKey(i) === k);
          if (incidence !== undefined && this.links(holder, incidence)) this.comps.union(holder, k);
        }
        if (anchor === NONE) anchor = k;
      }
    } else {
      const target = this.resolveCluster(data.clusterId);
      const listed = data.members.map((ref) => this.memberByRef.get(ref)).filter((x): x is number => x !== undefined);
      anchor = target === undefined ? (listed[0] ?? NONE) : this.anchorOf(data.clusterId, target);
      for (const x of listed) {
        if (anchor === NONE || this.comps.find(x) === this.comps.find(anchor)) continue;
        this.addEdge(anchor, x);
        this.comps.union(anchor, x);
      }
    }
    if (anchor === NONE) return { ...EMPTY, ignored: 'the link names nothing known' };
    this.logManual('cluster.linked', data);
    const root = this.comps.find(anchor);
    if (this.comps.seed(root) === NONE) return EMPTY;
    if (this.idOfRoot(root) === data.clusterId) {
      if (!this.published.has(data.clusterId)) this.publish(data.clusterId, this.comps.seed(root), root);
      // The linked event itself announced these members.
      for (const ref of data.members) {
        const x = this.memberByRef.get(ref);
        if (x !== undefined && this.comps.find(x) === root) this.reportedIn[x] = data.clusterId;
      }
    }
    return { ...EMPTY, findings: this.report(root, undefined, []) };
  }

  // ── queries ─────────────────────────────────────────────────────────────────────────────────

  clusterOf(member: string): ClusterView | undefined {
    const node = this.memberByRef.get(member);
    return node === undefined ? undefined : this.view(this.comps.find(node));
  }

  cluster(clusterId: string): ClusterView | undefined {
    const root = this.resolveCluster(clusterId);
    return root === undefined ? undefined : this.view(root);
  }

  isOverCorrelating(key: string): boolean {
    const k = this.keyByName.get(key);
    return k !== undefined && this.overCorrelatingKeys.has(k);
  }

  /** How many distinct units carry the value (what the over-correlation cap counts). */
  unitCount(key: string): number {
    const k = this.keyByName.get(key);
    return k === undefined ? 0 : this.unitCountOn(k);
  }

  /** The member's keys that link it now (not warning-listed, within its key cap, not muted, blocked or cut). */
  linkingKeysOf(member: string): string[] {
    const node = this.memberByRef.get(member);
    if (node === undefined) return [];
    return (this.incidences[node] ?? []).filter((incidence) => this.links(node, incidence)).map((incidence) => this.keyName(decodeKey(incidence)));
  }

  /** The units (`<dept>/<region>`) whose records carry `key` as a linking-eligible key, in the order they first did. */
  unitsCarrying(key: string): string[] {
    const k = this.keyByName.get(key);
    if (k === undefined) return [];
    const on = this.unitsOn[k];
    const ids = on === undefined ? [] : typeof on === 'number' ? [on] : on;
    return ids.map((unit) => this.units.names[unit] ?? '');
  }

  /** The unit's first record carrying `key` (linking-eligible), in arrival order, that `accept`s. */
  firstHolderIn(key: string, unit: string, accept: (ref: string) => boolean): string | undefined {
    const k = this.keyByName.get(key);
    const [department = '', region = ''] = unit.split('/');
    const d = this.departments.find(department);
    const r = this.regions.find(region);
    if (k === undefined || d === undefined || r === undefined) return undefined;
    for (const node of this.holders[k] ?? []) {
      if (this.comps.departmentIndex(node) !== d || this.comps.regionIndex(node) !== r) continue;
      const ref = this.ref(node);
      if (accept(ref)) return ref;
    }
    return undefined;
  }

  overCorrelating(): string[] {
    return [...this.overCorrelatingKeys].sort((a, b) => a - b).map((k) => this.keyName(k));
  }

  stats(): { members: number; keys: number; publishedClusters: number } {
    return { members: this.memberCount, keys: this.keyByName.size, publishedClusters: this.published.size };
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────

  private newNode(member: boolean, region: number, department: number): number {
    const node = this.comps.add(member, region, department);
    this.refOf.push(undefined);
    this.incidences.push(undefined);
    this.nameOf.push(undefined);
    this.holders.push(undefined);
    this.unitsOn.push(undefined);
    this.reportedIn.push(undefined);
    this.arrival.push(undefined);
    return node;
  }

  private keyNode(name: string): number {
    let k = this.keyByName.get(name);
    if (k === undefined) {
      k = this.newNode(false, NONE, NONE);
      const flatName = flat(name);
      this.keyByName.set(flatName, k);
      this.nameOf[k] = flatName;
      this.holders[k] = [];
      if (this.exclusions.has(name)) this.excludedKeys.add(k);
    }
    return k;
  }

  private holdersOf(k: number): number[] {
    return this.holders[k] ?? [];
  }

  /** Adds a holder to the key; a key's first holder gets an array of one (`push` onto an empty one reserves 17). */
  private addHolder(k: number, m: number): void {
    const holders = this.holders[k];
    if (holders === undefined || holders.length === 0) this.holders[k] = [m];
    else holders.push(m);
  }

  private unitCountOn(k: number): number {
    const on = this.unitsOn[k];
    return on === undefined ? 0 : typeof on === 'number' ? 1 : on.length;
  }

  /** The unit's arrival rank among the key's carriers, adding it as the last when it is new. */
  private rankOn(k: number, unit: number): number {
    const on = this.unitsOn[k];
    if (on === undefined) {
      this.unitsOn[k] = unit;
      return 0;
    }
    if (typeof on === 'number') {
      if (on === unit) return 0;
      this.unitsOn[k] = [on, unit];
      return 1;
    }
    const rank = on.indexOf(unit);
    if (rank >= 0) return rank;
    return on.push(unit) - 1;
  }

  private ref(node: number): string {
    return this.refOf[node] ?? '';
  }

  private keyName(node: number): string {
    return this.nameOf[node] ?? '';
  }

  private regionName(node: number): string {
    return this.regions.names[this.comps.regionIndex(node)] ?? '';
  }

  private departmentName(node: number): string {
    return this.departments.names[this.comps.departmentIndex(node)] ?? '';
  }

  private isCut(member: number, k: number): boolean {
    return this.cuts.get(member)?.has(k) === true;
  }

  /** Does this member–key incidence link, given blocks, cuts and the cap (and an optional plan)? */
  private links(member: number, incidence: number, plan?: Plan): boolean {
    const k = decodeKey(incidence);
    if (this.excludedKeys.has(k) || this.blocked.has(k) || plan?.blocked?.has(k) === true) return false;
    if (this.capped.get(member)?.has(k) === true) return false;
    if (incidence < 0 && !this.vouched.has(k)) return false;
    return !this.isCut(member, k) && plan?.cuts?.get(member)?.has(k) !== true;
  }

  private idOfRoot(root: number): string {
    return this.comps.publishedId(root) ?? clusterIdFor(this.ref(this.comps.seed(root)));
  }

  private resolveCluster(clusterId: string): number | undefined {
    const seed = this.seedNodeOf(clusterId);
    if (seed === undefined) return undefined;
    const root = this.comps.find(seed);
    return this.idOfRoot(root) === clusterId ? root : undefined;
  }

  private seedNodeOf(clusterId: string): number | undefined {
    const published = this.published.get(clusterId);
    if (published !== undefined) return published.seed;
    const ref = seedRefOf(clusterId);
    return ref === undefined ? this.hashedSeeds.get(clusterId) : this.memberByRef.get(ref);
  }

  private anchorOf(clusterId: string, root: number): number {
    return this.seedNodeOf(clusterId) ?? this.comps.seed(root);
  }

  /** Joins a new member to the sets of its linking keys and reports what that changed. */
  private join(m: number, linking: readonly number[]): ClusterFinding[] {
    const roots: number[] = [];
    const via: string[] = [];
    for (const k of linking) {
      const r = this.comps.find(k);
      if (this.comps.seed(r) === NONE) continue;
      if (!roots.includes(r)) roots.push(r);
      via.push(this.keyName(k));
    }
    // A member that links to no one is a singleton: never cross, never published.
    if (roots.length === 0) {
      for (const k of linking) this.comps.union(m, k);
      return [];
    }
    let winner = m;
    for (const r of roots) if (this.comps.precedes(r, winner)) winner = r;
    // Published ids always sit on their set's root, so an unpublished winner has no id yet.
    const finalId = this.comps.publishedId(winner);
    const isPublished = finalId !== undefined;
    // Members new to a published cluster are exactly those of the sets it absorbs (plus m);
    // collecting them before the union keeps the cost proportional to what is reported.
    const fresh: number[] = [];
    if (isPublished) {
      for (const r of roots) {
        if (this.comps.publishedId(r) === finalId) continue;
        for (const x of this.comps.membersOf(r)) if (this.reportedIn[x] !== finalId) fresh.push(x);
      }
      fresh.push(m);
    }
    for (const k of linking) this.comps.union(m, k);
    return this.report(this.comps.find(m), isPublished ? fresh.sort((a, b) => a - b) : undefined, via);
  }

  /**
   * Findings for a set: an unpublished set is published (cluster.formed) once it spans two
   * regions or departments; a published one reports members it has not announced (cluster.grown).
   */
  private report(root: number, fresh: readonly number[] | undefined, via: readonly string[]): ClusterFinding[] {
    if (this.comps.seed(root) === NONE) return [];
    if (this.comps.publishedId(root) === undefined) {
      if (!this.comps.crossRegion(root) && !this.comps.crossDepartment(root)) return [];
      const id = this.idOfRoot(root);
      const members = this.comps.membersOf(root);
      const keys = this.sharedKeys(members, root);
      // cluster.formed needs a key; a set held together only by manual links was announced by
      // the cluster.linked event itself.
      if (keys.length === 0) return [];
      this.publish(id, this.comps.seed(root), root);
      return this.emit(id, root, members, keys, true);
    }
    const id = this.idOfRoot(root);
    const members = fresh ?? this.comps.membersOf(root).filter((x) => this.reportedIn[x] !== id);
    if (members.length === 0) return [];
    const keys = via.length > 0 ? [...new Set(via)] : this.sharedKeys(members, root);
    if (keys.length === 0) return [];
    return this.emit(id, root, members, keys, false);
  }

  /** Keys of `members` that link at least two members of the set, in first-seen order. */
  private sharedKeys(members: readonly number[], root: number): string[] {
    const keys: string[] = [];
    const seen = new Set<number>();
    for (const x of members) {
      for (const incidence of this.incidences[x] ?? []) {
        const k = decodeKey(incidence);
        if (seen.has(k) || !this.links(x, incidence) || this.comps.find(k) !== root) continue;
        seen.add(k);
        let linked = 0;
        for (const h of this.holdersOf(k)) {
          const own = (this.incidences[h] ?? []).find((i) => decodeKey(i) === k);
          if (own !== undefined && this.links(h, own) && ++linked >= 2) break;
        }
        if (linked >= 2) keys.push(this.keyName(k));
        if (keys.length >= LIMITS.entities) return keys;
      }
    }
    return keys;
  }

  private publish(id: string, seed: number, root: number): void {
    this.publishCount += 1;
    this.published.set(id, { seed, seq: this.publishCount });
    this.publishedBySeed.set(seed, [...(this.publishedBySeed.get(seed) ?? []), id]);
    this.comps.setPublished(root, id, this.publishCount);
  }

  private moveSeed(id: string, published: Published, seed: number): void {
    if (seed === NONE || seed === published.seed) return;
    const left = (this.publishedBySeed.get(published.seed) ?? []).filter((other) => other !== id);
    if (left.length > 0) this.publishedBySeed.set(published.seed, left);
    else this.publishedBySeed.delete(published.seed);
    published.seed = seed;
    this.publishedBySeed.set(seed, [...(this.publishedBySeed.get(seed) ?? []), id]);
  }

  private emit(id: string, root: number, members: readonly number[], keys: readonly string[], formed: boolean): ClusterFinding[] {
    if (!this.published.has(id)) return [];
    const flags = { crossRegion: this.comps.crossRegion(root), crossDepartment: this.comps.crossDepartment(root) };
    const subject = `cluster/${id}`;
    const findings: ClusterFinding[] = [];
    for (let start = 0; start < members.length; start += MAX_CLUSTER_MEMBERS) {
      const chunk = members.slice(start, start + MAX_CLUSTER_MEMBERS);
      for (const x of chunk) this.reportedIn[x] = id;
      const data = { clusterId: id, ...flags, members: chunk.map((x) => this.ref(x)), keys: keys.slice(0, LIMITS.entities) };
      if (formed && start === 0) {
        const key = `cluster.formed/${id}`;
        findings.push({ id: deterministicEventId(key), key, type: 'cluster.formed', subject, data });
      } else {
        const key = this.grownKey(id, chunk[0] ?? NONE);
        findings.push({ id: deterministicEventId(key), key, type: 'cluster.grown', subject, data });
      }
    }
    return findings;
  }

  /**
   * A grown event's key: the cluster, how many manual decisions were applied before it and the arrival position of
   * the first member it announces. Between two manual decisions a member is announced in a cluster once (reportedIn;
   * only an unlink lets it be announced there again), so the key is unique; and it depends on the log alone, never on
   * how it was consumed: the coordination service merges a batch's growths of a cluster into one event
   * (BatchedGrowths), so a count of the events published would follow the batches, which differ after a restart, and
   * a key reused for other members would be answered as a duplicate (those members never announced). Keys of the
   * log's older events (`cluster.grown/<id>/<count>`) have one segment less: none clash.
   */
  private grownKey(id: string, first: number): string {
    return `cluster.grown/${id}/${this.manualLog.length}/${this.arrival[first] ?? NONE}`;
  }

  /** What cutting `detach` off the rest of a cluster removes: key incidences and manual edges. */
  private planDetach(detach: ReadonlySet<number>, clusterMembers: readonly number[]): Plan {
    const restKeys = new Set<number>();
    for (const x of clusterMembers) {
      if (detach.has(x)) continue;
      for (const incidence of this.incidences[x] ?? []) if (this.links(x, incidence)) restKeys.add(decodeKey(incidence));
    }
    const inCluster = new Set(clusterMembers);
    const cuts = new Map<number, Set<number>>();
    const edgesOff = new Set<number>();
    for (const m of detach) {
      const cut = new Set<number>();
      for (const incidence of this.incidences[m] ?? []) {
        const k = decodeKey(incidence);
        if (this.links(m, incidence) && restKeys.has(k)) cut.add(k);
      }
      if (cut.size > 0) cuts.set(m, cut);
      for (const idx of this.edgesOf.get(m) ?? []) {
        const edge = this.edges[idx];
        if (edge === undefined || !edge.active) continue;
        const other = edge.a === m ? edge.b : edge.a;
        if (inCluster.has(other) && !detach.has(other)) edgesOff.add(idx);
      }
    }
    return { cuts, edgesOff };
  }

  /** Unions of `nodes` as they would be under `plan`, on a scratch union-find. */
  private simulate(nodes: readonly number[], plan: Plan): (node: number) => number {
    const parent = new Map<number, number>(nodes.map((n) => [n, n]));
    const find = (node: number): number => {
      let x = node;
      for (;;) {
        const p = parent.get(x) ?? x;
        if (p === x) return x;
        const grand = parent.get(p) ?? p;
        parent.set(x, grand);
        x = grand;
      }
    };
    this.connect(nodes, (a, b) => {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
    }, plan);
    return find;
  }

  /** Re-derives the sets of `nodes` from scratch, after links among them were removed. */
  private rebuild(nodes: readonly number[]): void {
    for (const n of nodes) this.comps.reset(n);
    this.connect(nodes, (a, b) => this.comps.union(a, b), {});
    // Ids are assigned by the caller (assignIds) once it has moved the seed of the kept part.
  }

  private connect(nodes: readonly number[], union: (a: number, b: number) => void, plan: Plan): void {
    const inSet = new Set(nodes);
    const edgeIds = new Set<number>();
    for (const n of nodes) {
      if (!this.comps.isMember(n)) continue;
      for (const incidence of this.incidences[n] ?? []) {
        const k = decodeKey(incidence);
        if (inSet.has(k) && this.links(n, incidence, plan)) union(n, k);
      }
      for (const idx of this.edgesOf.get(n) ?? []) edgeIds.add(idx);
    }
    for (const idx of [...edgeIds].sort((a, b) => a - b)) {
      const edge = this.edges[idx];
      if (edge?.active === true && plan.edgesOff?.has(idx) !== true && inSet.has(edge.a) && inSet.has(edge.b)) union(edge.a, edge.b);
    }
  }

  /** After a rebuild: each set answers to the earliest-published id whose seed it holds. */
  private assignIds(nodes: readonly number[]): void {
    for (const n of nodes) {
      for (const id of this.publishedBySeed.get(n) ?? []) {
        const seq = this.published.get(id)?.seq ?? Infinity;
        const root = this.comps.find(n);
        if (seq < this.comps.publishedSeq(root)) this.comps.setPublished(root, id, seq);
      }
    }
  }

  /** The part holding `anchor` stays; every other member is removed. */
  private splitByAnchor(members: readonly number[], find: (node: number) => number, anchor: number): { removed: number[]; keeper: number[] } {
    const keep = find(anchor);
    const keeper: number[] = [];
    const removed: number[] = [];
    for (const x of members) (find(x) === keep ? keeper : removed).push(x);
    return { removed, keeper };
  }

  /** The largest part stays (ties: the part with the earliest member); the rest is removed. */
  private splitByLargest(members: readonly number[], find: (node: number) => number): { removed: number[]; keeper: number[] } {
    const parts = new Map<number, number[]>();
    for (const x of members) {
      const r = find(x);
      const part = parts.get(r);
      if (part === undefined) parts.set(r, [x]);
      else part.push(x);
    }
    let best: number[] = [];
    for (const part of parts.values()) if (part.length > best.length) best = part;
    return best.length === 0 ? { removed: [], keeper: [] } : this.splitByAnchor(members, find, best[0] ?? NONE);
  }

  private flagsOf(members: readonly number[]): { crossRegion: boolean; crossDepartment: boolean } {
    const regions = new Set(members.map((x) => this.comps.regionIndex(x)));
    const departments = new Set(members.map((x) => this.comps.departmentIndex(x)));
    return { crossRegion: regions.size > 1, crossDepartment: departments.size > 1 };
  }

  private addEdge(a: number, b: number): void {
    const idx = this.edges.push({ a, b, active: true }) - 1;
    this.edgesOf.set(a, [...(this.edgesOf.get(a) ?? []), idx]);
    this.edgesOf.set(b, [...(this.edgesOf.get(b) ?? []), idx]);
  }

  private logManual(type: 'cluster.linked' | 'cluster.unlinked', data: ManualData): void {
    // A copy: the caller's object must not be able to rewrite history after the fact.
    this.manualLog.push({ afterMembers: this.memberCount, type, data: { ...data, members: [...data.members], keys: [...data.keys] } });
  }

  private view(root: number): ClusterView | undefined {
    if (this.comps.seed(root) === NONE) return undefined;
    const clusterId = this.idOfRoot(root);
    const members = this.comps.membersOf(root);
    return {
      clusterId,
      published: this.published.has(clusterId),
      members: members.map((x) => this.ref(x)),
      keys: this.sharedKeys(members, root),
      crossRegion: this.comps.crossRegion(root),
      crossDepartment: this.comps.crossDepartment(root),
    };
  }
}

function firstNotIn(members: readonly number[], excluded: ReadonlySet<number>): number {
  for (const x of members) if (!excluded.has(x)) return x;
  return NONE;
}

/** The payload of a cluster.linked / cluster.unlinked log event (validated by the hub at append). */
function manualData(data: Readonly<Record<string, unknown>>): ManualData {
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  return {
    clusterId: typeof data['clusterId'] === 'string' ? data['clusterId'] : '',
    members: strings(data['members']),
    keys: strings(data['keys']),
    reason: typeof data['reason'] === 'string' ? data['reason'] : '',
    crossRegion: data['crossRegion'] === true,
    crossDepartment: data['crossDepartment'] === true,
  };
}
