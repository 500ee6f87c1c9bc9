import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EventSigner, departmentEventSubjects, validateIntake, type IntakeReply, type IntakeRequest } from '@hub/domain';
import { SubjectHeads, type JetStreamEventStore } from '@hub/event-store';
import { AppendPipeline } from '@hub/event-store';
import { LifecycleGate } from './lifecycle/lifecycle-gate.js';
import { DEPARTMENT_CONFIG, EVENT_STORE } from './tokens.js';
import type { DepartmentConfig } from './department.config.js';

/** Validates, signs and appends what one department's reporting units submit. */
@Injectable()
export class IntakeService implements OnApplicationBootstrap {
  private readonly logger = new Logger(IntakeService.name);
  private readonly heads: SubjectHeads;
  private readonly pipeline: AppendPipeline;
  private readonly lifecycle: LifecycleGate;

  constructor(
    @Inject(DEPARTMENT_CONFIG) private readonly config: DepartmentConfig,
    @Inject(EVENT_STORE) store: JetStreamEventStore,
  ) {
    this.heads = new SubjectHeads(store, departmentEventSubjects(config.department));
    this.lifecycle = new LifecycleGate(store, departmentEventSubjects(config.department));
    this.pipeline = new AppendPipeline(store, this.heads, new EventSigner(config.signingSeed), this.lifecycle);
  }

  /** Rebuilds the id index, aggregate heads and lifecycle states before the first request is served. */
  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    await this.heads.catchUp((seen) => this.logger.log(`catching up ${this.config.department}: ${seen} events`));
    await this.lifecycle.catchUp();
    const { aggregates, ids, lastSeq } = this.heads.size;
    this.logger.log(`${this.config.department}: ${ids} events in ${aggregates} aggregates up to seq ${lastSeq} (${Date.now() - started} ms)`);
  }

  async submit(request: IntakeRequest): Promise<IntakeReply> {
    const [department, region] = request.unit.split('/');
    if (department !== this.config.department || !region) {
      return { ok: false, error: { code: 'FORBIDDEN', message: `unit ${request.unit} does not belong to ${this.config.department}` } };
    }
    const validation = validateIntake(request.events, request.unit, { maxBatch: this.config.maxBatch });
    if (!validation.ok) return { ok: false, error: validation.error };
    // The lifecycle rules see the whole batch first: a refused transition stores nothing of it.
    const prefix = Array.isArray(request.events) ? (index: number) => `[${index}].` : () => '';
    const refusal = this.lifecycle.checkBatch(request.unit, validation.items.map((item) => item.command), this.heads, prefix);
    if (refusal) return { ok: false, error: refusal };
    const results = await this.pipeline.run(request.unit, validation.items);
    return { ok: true, results };
  }
}
