import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { createUser } from '@nats-io/nkeys';
import { DEFAULT_QUOTA_SETTINGS, EventSigner, sealSubject, type AppendCommand } from '@hub/domain';
import { AppendPipeline, composeRules, ensureEventStream, JetStreamEventStore, SealChain } from '@hub/event-store';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import type { DepartmentConfig } from '../department.config.js';
import { DepartmentState } from './department-state.js';
import { StateSnapshotKeeper } from './state-snapshot-keeper.js';

const UNITS = ['samr/653100', 'samr/650100'];
const STREAM = 'SNAPSHOT_T';
const seed = new TextDecoder().decode(createUser().getSeed());
const lead = (aggregate: string): AppendCommand => ({ id: randomUUID(), type: 'lead.reported', subject: `lead/${aggregate}`, time: '2021-10-08T09:30:00+08:00', data: { summary: '网店销售假冒运动鞋' } });
const closureRequest = (closureId: string): AppendCommand => ({
  id: randomUUID(),
  type: 'closure.requested',
  subject: `closure/${closureId}`,
  time: '2021-10-08T09:30:00+08:00',
  data: { toDepartment: 'samr', toRegion: '653100', targetKind: 'website', target: 'https://fake.example.cn', reason: '销售假药' },
});
const closed = (aggregate: string): AppendCommand => ({ id: randomUUID(), type: 'lead.closed', subject: `lead/${aggregate}`, time: '2021-10-09T09:30:00+08:00', data: { outcome: 'no_violation' } });

describe('department state snapshots against a real JetStream', () => {
  let nats: TestNats;
  let nc: NatsConnection;
  let store: JetStreamEventStore;
  let dir: string;
  const said: string[] = [];
  const logger = { log: (m: string) => said.push(m), warn: (m: string) => said.push(m) };
  let config: DepartmentConfig;

  beforeAll(async () => {
    nats = await startTestNats();
    nc = await connect(nats.connectOptions('admin'));
    await ensureEventStream(await jetstreamManager(nc), { name: STREAM, duplicateWindowMs: 100 });
    store = new JetStreamEventStore(nc, STREAM);
    dir = mkdtempSync(join(tmpdir(), 'dept-snapshot-'));
    config = { department: 'samr', natsUrl: nats.url, signingSeed: seed, stream: STREAM, maxBatch: 100, shutdownGraceMs: 0, quotas: DEFAULT_QUOTA_SETTINGS, snapshotDir: dir };
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Appends through a live department state, as the intake service does (its own appends move it on). */
  async function append(state: DepartmentState, unit: string, commands: AppendCommand[]): Promise<void> {
    const pipeline = new AppendPipeline(store, state.heads, new SealChain(store, sealSubject('samr', 'snapshot-spec'), 'samr/snapshot-spec', new EventSigner(seed)), composeRules(state.lifecycle, state.quotas));
    const results = await pipeline.run(unit, commands.map((command, index) => ({ index, command })));
    expect(results.filter((r) => 'error' in r)).toEqual([]);
  }

  /** Another department's request addressed to samr (a cac unit's closure request), stored through cac's own state. */
  async function requestClosure(closureId: string): Promise<void> {
    const cac = new DepartmentState(store, { ...config, department: 'cac' }, logger);
    await cac.catchUp();
    const pipeline = new AppendPipeline(store, cac.heads, new SealChain(store, sealSubject('cac', 'snapshot-spec'), 'cac/snapshot-spec', new EventSigner(seed)), composeRules(cac.lifecycle));
    const results = await pipeline.run('cac/650100', [{ index: 0, command: closureRequest(closureId) }]);
    expect(results.filter((r) => 'error' in r)).toEqual([]);
  }

  async function fullFold(): Promise<DepartmentState> {
    const state = new DepartmentState(store, config, logger);
    await state.catchUp();
    return state;
  }

  it('given a shutdown snapshot of a live service and events stored after it, when a new start restores it and catches up, then its state equals a fold of the whole stream and it read only the later events', async () => {
    const live = await fullFold();
    for (const unit of UNITS) await append(live, unit, Array.from({ length: 20 }, (_, i) => lead(`L-${i}`)));
    await append(live, UNITS[0]!, [closed('L-1'), closed('L-2')]);
    await requestClosure('CL-1');
    // The live service learns another unit's request by reading the requesters' closure chains.
    await live.requests.catchUp();
    expect(live.requests.request('cac/650100/closure/CL-1')).toMatchObject({ to: 'samr/653100' });
    const keeper = new StateSnapshotKeeper(store, config, logger);
    await keeper.saveAtShutdown();
    // 42 events and, before the last, the seals of the first two batches (the third seal comes after it).
    expect(said.at(-1)).toMatch(/snapshot at shutdown at seq 44 \(42 events/);

    // Another run (a peer instance, or this one before a crash) stores more after the snapshot.
    const other = await fullFold();
    await append(other, UNITS[1]!, [closed('L-3'), lead('L-99')]);
    await requestClosure('CL-2');

    const restarted = new DepartmentState(store, config, logger);
    await keeper.restore(restarted);
    expect(said.at(-1)).toMatch(/restored the snapshot at seq 44 \(42 events\)/);
    expect(restarted.requests.request('cac/650100/closure/CL-1')).toBeDefined();
    // The request book reads only what followed the snapshot: samr's two events (under its own and the every-lead
    // filter) and cac's second request — not the 42 events and the first request again.
    expect(await restarted.requests.catchUp()).toBe(5);
    expect(restarted.requests.request('cac/650100/closure/CL-2')).toMatchObject({ from: 'cac/650100', to: 'samr/653100' });
    expect(await restarted.catchUp()).toBe(2);
    const whole = await fullFold();
    expect(restarted.exportState()).toEqual(whole.exportState());
    expect(restarted.lifecycle.decide('hub.evt.samr.653100.lead.L-1', closed('L-1'))).toEqual(whole.lifecycle.decide('hub.evt.samr.653100.lead.L-1', closed('L-1')));
    expect(restarted.quotas.usageOf(UNITS[1]!)).toEqual(whole.quotas.usageOf(UNITS[1]!));
  });

  it('given a snapshot file with one byte changed, when a start loads it, then it is not used and the start folds the whole stream', async () => {
    const file = join(dir, 'samr.snapshot');
    const bytes = readFileSync(file);
    const altered = Buffer.from(bytes);
    altered[altered.length - 5] = (altered[altered.length - 5] ?? 0) ^ 0xff;
    writeFileSync(file, altered);
    const state = new DepartmentState(store, config, logger);
    await new StateSnapshotKeeper(store, config, logger).restore(state);
    expect(said.at(-1)).toMatch(/snapshot not used \(its checksum does not match/);
    writeFileSync(file, bytes);
    // All 44 of samr's events read again (the count returned adds what the request book read under every lead and referral).
    expect(await state.catchUp()).toBeGreaterThan(44);
    expect(state.heads.size.ids).toBe(44);
    expect(state.exportState()).toEqual((await fullFold()).exportState());
  });

  it('given the stream was deleted and made again under its name, when a start loads the old snapshot, then it is refused as another stream’s', async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(STREAM);
    await ensureEventStream(jsm, { name: STREAM, duplicateWindowMs: 100 });
    const state = new DepartmentState(store, config, logger);
    await new StateSnapshotKeeper(store, config, logger).restore(state);
    expect(said.at(-1)).toMatch(/snapshot not used \(taken of stream SNAPSHOT_T created .*, not of SNAPSHOT_T created/);
    expect(state.heads.size.ids).toBe(0);
  });

  it('given a running service, when its department stores events, then the snapshot follows the stream in the background and the next start reads nothing more', async () => {
    const live = new DepartmentState(store, config, logger);
    const keeper = new StateSnapshotKeeper(store, { ...config, snapshotIntervalMs: 20 }, { ...logger, log: (m) => (said.push(m), followed.resolveIf(m)) });
    const followed = expectMessage(/snapshot while running at seq (\d+)/);
    await keeper.restore(live);
    await live.catchUp();
    keeper.keepUp(1, 0);
    await append(live, UNITS[0]!, [lead('L-200'), lead('L-201')]);
    const departmentLast = await store.lastSequenceMatching('hub.evt.samr.>');

    // Folded by the timer alone (nothing here asks for it), up to the events just stored.
    expect(Number((await followed.message)[1])).toBe(departmentLast);
    await keeper.saveAtShutdown();
    const restarted = new DepartmentState(store, config, logger);
    await keeper.restore(restarted);
    expect(await restarted.catchUp()).toBe(0);
    expect(restarted.exportState()).toEqual((await fullFold()).exportState());
  });

  it('given a snapshot holding N events and fewer than N/2 seqs after it, when the stream stands still, then the running snapshot follows it (a hub at rest is snapshotted before it stops)', async () => {
    const live = new DepartmentState(store, config, logger);
    const saves: string[] = [];
    const ran = expectMessage(/snapshot while running/);
    const keeper = new StateSnapshotKeeper(store, { ...config, snapshotIntervalMs: 20 }, { ...logger, log: (m) => (said.push(m), /snapshot while running/.test(m) && saves.push(m), ran.resolveIf(m)) });
    await keeper.restore(live);
    await live.catchUp();
    await append(live, UNITS[1]!, Array.from({ length: 40 }, (_, i) => lead(`L-5${i}`)));
    await keeper.saveAtShutdown();
    keeper.keepUp(1);
    await append(live, UNITS[0]!, [lead('L-400'), lead('L-401')]);
    await ran.message;
    await keeper.saveAtShutdown();
    expect(saves).toHaveLength(1);
    expect(said.at(-1)).toMatch(/samr: the snapshot at seq \d+ is current/);
  });

  it('given a department with no events of its own, when other departments report leads, then its snapshot follows them, and a shutdown with nothing new since rewrites nothing', async () => {
    const pboc = { ...config, department: 'pboc', snapshotIntervalMs: 20 };
    let target = Number.POSITIVE_INFINITY;
    let reached: () => void = () => undefined;
    const followed = new Promise<void>((resolve) => (reached = resolve));
    const folded = (m: string): void => {
      const through = /pboc: snapshot while running at seq \d+ \(0 events, .*folded through seq (\d+)\)/.exec(m)?.[1];
      if (through !== undefined && Number(through) >= target) reached();
    };
    const keeper = new StateSnapshotKeeper(store, pboc, { ...logger, log: (m) => (said.push(m), folded(m)) });
    const state = new DepartmentState(store, pboc, logger);
    await keeper.restore(state);
    await state.catchUp();
    const samr = await fullFold();
    // What the keeper asks the stream: a filter's last message walks nats-server 2.9's whole store when nothing recent matches.
    const asked: string[] = [];
    const monitor = await connect(nats.connectOptions('admin'));
    monitor.subscribe(`$JS.API.STREAM.MSG.GET.${STREAM}`, { callback: (_, msg) => void asked.push(msg.string()) });
    await monitor.flush();
    keeper.keepUp(1);
    // Every lead is read by every department (the referral rules): pboc's state moves on with no event of its own.
    await append(samr, UNITS[0]!, [lead('L-300')]);
    target = await store.lastSequenceMatching('hub.evt.*.*.lead.*');
    await followed;

    await keeper.saveAtShutdown();
    expect(said.at(-1)).toMatch(/pboc: the snapshot at seq \d+ is current/);
    await monitor.close();
    // The keeper's checks and folds ask forward from a seq; the one wildcard last_by_subj is this test's own `target`
    // (a literal subject's, like the seal chain's, is an index lookup).
    const lastByWildcard = asked.filter((request) => /"last_by_subj":"[^"]*[*>]/.test(request));
    expect(lastByWildcard).toEqual([JSON.stringify({ last_by_subj: 'hub.evt.*.*.lead.*' })]);
    expect(asked.some((request) => request.includes('next_by_subj'))).toBe(true);
  });

  it('given the seal chain settled the department through a seq, when a snapshot is written, then the next start gets that mark back to sweep after it', async () => {
    const mark = { seq: await store.lastSequenceMatching('hub.evt.samr.>'), at: '2026-12-06T10:00:00.000Z' };
    // Settled further than what a snapshot already holds: the shutdown writes it even with nothing new stored.
    await new StateSnapshotKeeper(store, config, logger, { settled: mark, settle: () => Promise.resolve(mark) }).saveAtShutdown();

    const restarted = new DepartmentState(store, config, logger);
    expect(await new StateSnapshotKeeper(store, config, logger).restore(restarted)).toEqual(mark);
    expect(said.at(-1)).toMatch(new RegExp(`restored the snapshot at seq \\d+ \\(\\d+ events, settled through seq ${mark.seq}\\)`));
  });
});

/** Resolves with the first logged message matching `pattern` (fed through `resolveIf`). */
function expectMessage(pattern: RegExp): { message: Promise<RegExpMatchArray>; resolveIf: (message: string) => void } {
  let resolve: (match: RegExpMatchArray) => void = () => undefined;
  const message = new Promise<RegExpMatchArray>((r) => (resolve = r));
  return { message, resolveIf: (m) => void (pattern.exec(m) && resolve(pattern.exec(m) as RegExpMatchArray)) };
}
