import { departmentEventSubjects, departmentReadFilters } from '@hub/domain';
import { SubjectHeads, type JetStreamEventStore } from '@hub/event-store';
import { LifecycleGate } from '../lifecycle/lifecycle-gate.js';
import { ReferralBook } from '../lifecycle/referral-book.js';
import { QuotaMeter, type QuotaLog } from '../quotas/quota-meter.js';
import type { DepartmentConfig } from '../department.config.js';

/**
 * What a department service folds from the stream before it serves: the id index and aggregate heads,
 * the lifecycle states, the referrals it judges and each unit's quota usage. Built the same way for the
 * live service and for the shadow that writes a snapshot at shutdown (see department-snapshot.ts).
 */
export class DepartmentState {
  readonly heads: SubjectHeads;
  readonly lifecycle: LifecycleGate;
  readonly referrals: ReferralBook;
  readonly quotas: QuotaMeter;

  constructor(store: JetStreamEventStore, config: Pick<DepartmentConfig, 'department' | 'quotas'>, log: QuotaLog) {
    const own = departmentEventSubjects(config.department);
    this.heads = new SubjectHeads(store, own);
    this.lifecycle = new LifecycleGate(store, own);
    this.quotas = new QuotaMeter(store, own, config.quotas, log);
    this.referrals = new ReferralBook(store, departmentReadFilters(config.department));
  }

  /** Reads what the stream holds after what each part has folded (all of it, or what follows a snapshot). */
  async catchUp(onProgress?: (seen: number) => void): Promise<number> {
    const seen = await this.heads.catchUp(onProgress);
    // Three independent reads of the stream (bodies for the lifecycle and referrals, headers only for the quotas): overlapped.
    await Promise.all([this.lifecycle.catchUp(), this.referrals.catchUp(), this.quotas.catchUp()]);
    return seen;
  }

  exportState(): DepartmentStateSnapshot {
    return { heads: this.heads.exportState(), lifecycle: this.lifecycle.exportState(), referrals: this.referrals.exportState(), quotas: this.quotas.exportState() };
  }

  importState(state: DepartmentStateSnapshot): void {
    this.heads.importState(state.heads);
    this.lifecycle.importState(state.lifecycle);
    this.referrals.importState(state.referrals);
    this.quotas.importState(state.quotas);
  }
}

export interface DepartmentStateSnapshot {
  heads: ReturnType<SubjectHeads['exportState']>;
  lifecycle: ReturnType<LifecycleGate['exportState']>;
  referrals: ReturnType<ReferralBook['exportState']>;
  quotas: ReturnType<QuotaMeter['exportState']>;
}
