import { Inject, Injectable } from '@nestjs/common';
import type { TransferItem, TransferPage } from '@hub/contracts';
import { CalendarCoverageError, deadlineFor, qualifiedAggregateId, toTimestamp, TRANSFER_DECISIONS } from '@hub/domain';
import { TransferRepository, type TransferRow } from '@hub/read-models';
import type { Principal } from '../auth/principal.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { pastDue } from '../common/past-due.js';
import { readPartyFilter } from '../common/party-filter.js';
import { ReadModels } from '../common/read-models.js';
import type { GatewayConfig } from '../gateway.config.js';
import { GATEWAY_CONFIG } from '../tokens.js';

export const TRANSFERS_QUERY = ['direction', 'status', 'limit', 'offset'] as const;

/** The police's 3-day clock from the hand-over; unknown (null) when the period reaches a year without holiday data. */
function policeDueAt(transferredAt: string | null): string | null {
  if (transferredAt === null) return null;
  try {
    return toTimestamp(deadlineFor('police_decision', transferredAt));
  } catch (error) {
    if (error instanceof CalendarCoverageError) return null;
    throw error;
  }
}

/** The transfer as a party sees it: due on the police's clock, overdue by notice or by now. */
export function transferItem(s: TransferRow, now: Date, viewer: string | undefined): TransferItem {
  const dueAt = policeDueAt(s.transferredAt);
  return {
    id: qualifiedAggregateId(`${s.fromUnit}/case/${s.caseId}`),
    fromUnit: s.fromUnit,
    caseId: s.caseId,
    caseNo: s.caseNo,
    primaryCategory: s.primaryCategory,
    toUnit: s.toUnit,
    approvedAt: s.approvedAt,
    transferredAt: s.transferredAt,
    reason: s.reason,
    dueAt,
    status: s.status,
    policeCaseId: s.policeCaseId,
    decisionReason: s.decisionReason,
    answeredAt: s.answeredAt,
    answeredBy: s.answeredBy,
    overdue: s.overdueDueAt !== null || pastDue(dueAt, s.answeredAt, now),
    answerable: viewer !== undefined && viewer === s.toUnit && s.status === 'transferred',
  };
}

/**
 * Cases transferred to the police (移送公安机关) and the police's decision whether to open a case within 3 days
 * (国务院令第310号第八条): a unit sees the transfers it made and those addressed to it (the police answer them), a
 * line or prefecture those its units are party to, coordinators and auditors all.
 */
@Injectable()
export class TransfersService {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** `direction`: sent (made by the caller's unit) or received (addressed to it); a unit sees both by default. */
  async list(principal: Principal, query: Query): Promise<TransferPage> {
    const read = new QueryReader(query, TRANSFERS_QUERY);
    const { filter, viewer } = readPartyFilter(principal, read, 'transfers');
    const status = read.oneOf('status', ['transferred', ...TRANSFER_DECISIONS] as const);
    const { limit, offset } = read.page();
    read.done();
    const page = await new TransferRepository(await this.readModels.sql()).list({ ...filter, status: status ?? null }, limit, offset);
    const now = this.config.clock?.() ?? new Date();
    return { total: page.total, items: page.items.map((row) => transferItem(row, now, viewer)) };
  }
}
