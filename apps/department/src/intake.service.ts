import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { chunksOf, EventSigner, isActor, notJsonError, parseJsonBody, sealSubject, streamSubjectOf, submitInChunks, validateIntake, type AppendCommand, type IntakeItem, type IntakeReply, type IntakeRequest, type ParsedBody } from '@hub/domain';
import type { ForwardedBody } from './forwarded-body.js';
import { AttachmentStore, type JetStreamEventStore, type SubjectHeads } from '@hub/event-store';
import { AppendPipeline, composeRules, SealChain, sealInstance, type AppendRules } from '@hub/event-store';
import type { LifecycleGate } from './lifecycle/lifecycle-gate.js';
import type { AddressedRequestBook } from './lifecycle/addressed-request-book.js';
import type { QuotaMeter } from './quotas/quota-meter.js';
import { DepartmentState } from './state/department-state.js';
import { StateSnapshotKeeper } from './state/state-snapshot-keeper.js';
import { DEPARTMENT_CONFIG, EVENT_STORE } from './tokens.js';
import type { DepartmentConfig } from './department.config.js';

/** Validates, signs and appends what one department's reporting units submit. */
@Injectable()
export class IntakeService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IntakeService.name);
  private readonly state: DepartmentState;
  private readonly heads: SubjectHeads;
  private readonly pipeline: AppendPipeline;
  private readonly lifecycle: LifecycleGate;
  private readonly quotas: QuotaMeter;
  private readonly requests: AddressedRequestBook;
  private readonly snapshots: StateSnapshotKeeper | undefined;
  private readonly attachments: AttachmentStore;
  private readonly seals: SealChain;

  constructor(
    @Inject(DEPARTMENT_CONFIG) private readonly config: DepartmentConfig,
    @Inject(EVENT_STORE) store: JetStreamEventStore,
  ) {
    this.state = new DepartmentState(store, config, this.logger);
    ({ heads: this.heads, lifecycle: this.lifecycle, quotas: this.quotas, requests: this.requests } = this.state);
    this.attachments = new AttachmentStore(store.nc);
    // The request book judges whole batches (checkBatch); in the pipeline it only learns what was stored.
    const requestRecorder: AppendRules = {
      decide: () => ({ ok: true }),
      record: (_streamSubject, event) => this.requests.record(event),
      refresh: () => Promise.resolve(),
    };
    // Quotas after the lifecycle: an event the rules refuse is not counted against the unit.
    const instance = config.instance ?? sealInstance('department service', undefined);
    this.seals = new SealChain(store, sealSubject(config.department, instance), `${config.department}/${instance}`, new EventSigner(config.signingSeed));
    this.snapshots = config.snapshotDir ? new StateSnapshotKeeper(store, config, this.logger, this.seals) : undefined;
    this.pipeline = new AppendPipeline(store, this.heads, this.seals, composeRules(this.lifecycle, requestRecorder, this.quotas));
  }

  /** Rebuilds the id index, aggregate heads and lifecycle states before the first request is served. */
  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    const settled = await this.snapshots?.restore(this.state);
    await this.seals.resume(settled);
    const read = await this.state.catchUp((seen) => this.logger.log(`catching up ${this.config.department}: ${seen} events`));
    // What a crash stored but left unsealed is sealed before the first request (DESIGN.md "Seals and checkpoints").
    const sweepStarted = Date.now();
    const swept = await this.seals.sweep((error) => this.logger.warn(`sealing a peer's leftover events failed: ${error.message}`));
    this.logger.log(`${this.config.department}: the sweep for unsealed events took ${Date.now() - sweepStarted} ms${swept > 0 ? ` and sealed ${swept} events stored but left unsealed` : ''}`);
    const { aggregates, ids, lastSeq } = this.heads.size;
    const { referrals, requests } = this.requests.size;
    this.logger.log(`${this.config.department}: ${ids} events in ${aggregates} aggregates up to seq ${lastSeq}, ${referrals} referrals and ${requests} closure requests/transfers known; read ${read} (${Date.now() - started} ms)`);
    // Before the first request the state is the stream's alone: a long read is worth keeping at once.
    await this.snapshots?.saveAfterStart(this.state, read);
    this.snapshots?.keepUp();
  }

  /** After intake has stopped: the next start should not read again what this run stored (see StateSnapshotKeeper). */
  async beforeApplicationShutdown(): Promise<void> {
    this.seals.close();
    await this.snapshots?.saveAtShutdown();
  }

  /** A submission of Nest's JSON packets (events parsed with the packet): NATS clients other than the gateway, and the gateway's bodies too large for one message. */
  async submit(request: IntakeRequest): Promise<IntakeReply> {
    return this.validateAndAppend(request.unit, request.actor, () => ({ ok: true, value: request.events }), false);
  }

  /**
   * A body the gateway forwarded as the client sent it (FORWARDED_BODY_MARKER): read and validated here only, then
   * appended chunk by chunk as the gateway chunked it before (submitInChunks), with field paths relative to the body.
   */
  async submitBody(request: ForwardedBody): Promise<IntakeReply> {
    return this.validateAndAppend(request.unit, request.actor, () => parseJsonBody(request.body), true);
  }

  /** `chunked`: a forwarded body is appended in chunks as the gateway sent it before; a packet (at most a chunk from the gateway) as one batch. */
  private async validateAndAppend(unit: string, actor: string | undefined, read: () => ParsedBody, chunked: boolean): Promise<IntakeReply> {
    const [department, region] = unit.split('/');
    if (department !== this.config.department || !region) {
      return { ok: false, error: { code: 'FORBIDDEN', message: `unit ${unit} does not belong to ${this.config.department}` } };
    }
    // The actor is signed into every event: a malformed one is the gateway's bug, never stored.
    if (actor !== undefined && !isActor(actor)) {
      return { ok: false, error: { code: 'VALIDATION_FAILED', message: 'actor must be account:<id>, key:<id> or system:<name>' } };
    }
    const body = read();
    if (!body.ok) return { ok: false, error: notJsonError(body.message) };
    const validation = validateIntake(body.value, unit, { maxBatch: this.config.maxBatch });
    if (!validation.ok) return { ok: false, error: validation.error };
    const batch = Array.isArray(body.value);
    const { items } = validation;
    const commands = items.map((item) => item.command);
    return submitInChunks(commands, chunked ? chunksOf(items) : [items], async (chunk, offset) => {
      // The pipeline places results by index within what it is given.
      const chunkItems = offset === 0 ? chunk : chunk.map((item, index) => ({ index, command: item.command, flags: item.flags }));
      return this.appendChunk(unit, actor, chunkItems, batch ? (index: number) => `[${offset + index}].` : () => '');
    });
  }

  /** One chunk's rules, then its append; `prefix` names an event of the chunk by its place in the submission. */
  private async appendChunk(unit: string, actor: string | undefined, items: readonly IntakeItem[], prefix: (index: number) => string): Promise<IntakeReply> {
    const commands = items.map((item) => item.command);
    // The lifecycle rules see the whole chunk first: a refused transition stores nothing of it.
    const refusal = this.lifecycle.checkBatch(unit, commands, this.heads, prefix);
    if (refusal) return { ok: false, error: refusal };
    // The referral and answer rules run here, at the trust boundary, not only at the gateway: a unit's key
    // alone cannot answer another unit's referral, closure request or transfer, nor take over a referral id.
    const unknownDraw = this.unknownDraw(unit, commands, prefix);
    if (unknownDraw) return { ok: false, error: unknownDraw };
    // An attachment.added is signed only for bytes the object store holds under that SHA-256 and size.
    const missingFile = await this.unstoredAttachment(commands, prefix);
    if (missingFile) return { ok: false, error: missingFile };
    const answerRefusal = await this.requests.checkBatch(unit, commands, this.heads, prefix);
    if (answerRefusal) return { ok: false, error: answerRefusal };
    // Then the unit's quotas, before anything is signed: a submission over a limit stores nothing.
    const overQuota = this.quotas.checkBatch(unit, commands, this.heads);
    if (overQuota) return { ok: false, error: overQuota };
    const results = await this.pipeline.run(unit, items, actor);
    return { ok: true, results };
  }

  /** The first attachment.added whose file is not in the object store as claimed (absent, other size, other digest). */
  private async unstoredAttachment(commands: readonly AppendCommand[], prefix: (index: number) => string): Promise<Extract<IntakeReply, { ok: false }>['error'] | undefined> {
    for (const [index, command] of commands.entries()) {
      if (command.type !== 'attachment.added') continue;
      const sha256 = String(command.data['sha256']);
      const stored = await this.attachments.info(sha256);
      if (stored === undefined) {
        return { code: 'NOT_FOUND', message: `no file ${sha256} in the attachment store: upload it first; nothing of the batch was stored`, fields: [{ path: `${prefix(index)}data.sha256`, message: 'names no stored file' }] };
      }
      if (!stored.digestMatches) return { code: 'VALIDATION_FAILED', message: `the stored object ${sha256} does not hold those bytes`, fields: [{ path: `${prefix(index)}data.sha256`, message: 'the stored digest differs' }] };
      if (stored.size !== command.data['size']) {
        return { code: 'VALIDATION_FAILED', message: `file ${sha256} is ${stored.size} bytes, not ${String(command.data['size'])}`, fields: [{ path: `${prefix(index)}data.size`, message: `must be the stored size ${stored.size}` }] };
      }
    }
    return undefined;
  }

  /** An inspection result names a draw of its own unit that is committed (stored, or earlier in the batch). */
  private unknownDraw(unit: string, commands: readonly AppendCommand[], prefix: (index: number) => string): Extract<IntakeReply, { ok: false }>['error'] | undefined {
    const committed = new Set<string>();
    for (const [index, command] of commands.entries()) {
      if (command.type === 'draw.committed') committed.add(command.subject);
      const drawId = command.type === 'inspection.recorded' ? command.data['drawId'] : undefined;
      if (typeof drawId !== 'string') continue;
      const subject = `draw/${drawId}`;
      if (committed.has(subject) || this.heads.head(streamSubjectOf(unit, subject)) !== undefined) continue;
      const message = `${unit} has committed no draw ${drawId}; nothing of the batch was stored`;
      return { code: 'NOT_FOUND', message, fields: [{ path: `${prefix(index)}data.drawId`, message: `names no committed draw of ${unit}` }] };
    }
    return undefined;
  }
}
