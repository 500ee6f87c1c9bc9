import { departmentEventSubjects, departmentReadFilters } from '@hub/domain';
import { SubjectHeads, type JetStreamEventStore } from '@hub/event-store';
import { LifecycleGate } from '../lifecycle/lifecycle-gate.js';
import { AddressedRequestBook } from '../lifecycle/addressed-request-book.js';
import { QuotaMeter, type QuotaLog } from '../quotas/quota-meter.js';
import type { DepartmentConfig } from '../department.config.js';

/**
 * What a department service folds from the stream before it serves: the id index and aggregate heads,
 * the lifecycle states, the requests whose answers it judges (referrals, closures, transfers) and each unit's quota usage. Built the same way for the
 * live service and for the shadow that writes a snapshot at shutdown (see department-snapshot.ts).
 */
export class DepartmentState {
  readonly heads: SubjectHeads;
  readonly lifecycle: LifecycleGate;
  /** Referrals, closure requests and (at the police) transfers addressed to its units: who may answer what. */
  readonly requests: AddressedRequestBook;
  readonly quotas: QuotaMeter;

  constructor(store: JetStreamEventStore, config: Pick<DepartmentConfig, 'department' | 'quotas'>, log: QuotaLog) {
    const own = departmentEventSubjects(config.department);
    this.heads = new SubjectHeads(store, own);
    this.lifecycle = new LifecycleGate(store, own);
    this.quotas = new QuotaMeter(store, own, config.quotas, log);
    this.requests = new AddressedRequestBook(store, departmentReadFilters(config.department));
  }

  /**
   * Reads what the stream holds after what each part has folded (all of it, or what follows a snapshot).
   * Returns the messages read: the department's own events, and what the request book read under the other
   * departments' subjects (every lead and referral) — for a department with few events of its own, most of it.
   */
  async catchUp(onProgress?: (seen: number) => void): Promise<number> {
    const seen = await this.heads.catchUp(onProgress);
    // Three independent reads of the stream (bodies for the lifecycle and requests, headers only for the quotas): overlapped.
    const [, requests] = await Promise.all([this.lifecycle.catchUp(), this.requests.catchUp(), this.quotas.catchUp()]);
    return seen + requests;
  }

  /** The last stream sequence folded under any of the state's subjects: a later one under them means the state is behind. */
  get position(): number {
    return Math.max(this.heads.size.lastSeq, this.requests.position);
  }

  exportState(): DepartmentStateSnapshot {
    return { heads: this.heads.exportState(), lifecycle: this.lifecycle.exportState(), requests: this.requests.exportState(), quotas: this.quotas.exportState() };
  }

  importState(state: DepartmentStateSnapshot): void {
    this.heads.importState(state.heads);
    this.lifecycle.importState(state.lifecycle);
    this.requests.importState(state.requests);
    this.quotas.importState(state.quotas);
  }
}

export interface DepartmentStateSnapshot {
  heads: ReturnType<SubjectHeads['exportState']>;
  lifecycle: ReturnType<LifecycleGate['exportState']>;
  requests: ReturnType<AddressedRequestBook['exportState']>;
  quotas: ReturnType<QuotaMeter['exportState']>;
}
