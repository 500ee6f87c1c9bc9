import { Inject, Injectable } from '@nestjs/common';
import { HubError } from '@hub/domain';
import type { ReferralPage } from '@hub/contracts';
import { ReferralRepository, referralView } from '@hub/persistence';
import type { Principal } from '../auth/principal.js';
import { CLOCK, type Clock } from '../common/clock.js';
import type { Query } from '../common/query-params.js';
import { ReadModels } from '../common/read-models.js';
import { referralFilterOf } from './referral-query.js';

/** Referral lists from the projector's `referrals` read model, with clocks evaluated at the hub's now. */
@Injectable()
export class ReferralsService {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Every referral (coordinators and auditors). */
  async list(principal: Principal, query: Query): Promise<ReferralPage> {
    if (principal.kind === 'unit') {
      throw new HubError('FORBIDDEN', 'the referral list is for coordinators and auditors; a unit reads GET /api/v1/referrals/inbox');
    }
    return this.page(query, undefined);
  }

  /** What is addressed to the token's unit. */
  async inbox(principal: Principal, query: Query): Promise<ReferralPage> {
    if (principal.kind !== 'unit') throw new HubError('FORBIDDEN', `a ${principal.kind} token has no inbox; use GET /api/v1/referrals`);
    return this.page(query, principal.unit);
  }

  private async page(query: Query, toUnit: string | undefined): Promise<ReferralPage> {
    const now = this.clock();
    const filter = referralFilterOf(query, now);
    const repository = new ReferralRepository(await this.readModels.sql());
    const { total, items } = await repository.list(toUnit === undefined ? filter : { ...filter, toUnit });
    return { total, limit: filter.limit, offset: filter.offset, items: items.map((state) => referralView(state, now)) };
  }
}
