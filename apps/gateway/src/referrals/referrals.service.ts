import { Inject, Injectable } from '@nestjs/common';
import { HubError } from '@hub/domain';
import type { ReferralPage } from '@hub/contracts';
import { ReferralRepository, referralView } from '@hub/persistence';
import type { Principal } from '../auth/principal.js';
import { narrowFilter, scopeOf } from '../auth/scope.js';
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

  /**
   * The referral board: every referral for coordinators and auditors; a line's or a prefecture's those with
   * either side in it (a `department`/`region` filter outside it is 403). A unit reads its inbox instead.
   */
  async list(principal: Principal, query: Query): Promise<ReferralPage> {
    if (principal.kind === 'unit') {
      throw new HubError('FORBIDDEN', 'the referral list is for coordinators and auditors; a unit reads GET /api/v1/referrals/inbox');
    }
    return this.page(query, undefined, principal);
  }

  /** What is addressed to the token's unit. */
  async inbox(principal: Principal, query: Query): Promise<ReferralPage> {
    if (principal.kind !== 'unit') throw new HubError('FORBIDDEN', `a ${principal.kind} token has no inbox; use GET /api/v1/referrals`);
    return this.page(query, principal.unit);
  }

  private async page(query: Query, toUnit: string | undefined, principal?: Principal): Promise<ReferralPage> {
    const now = this.clock();
    const asked = referralFilterOf(query, now);
    const filter = principal === undefined ? asked : { ...asked, ...narrowFilter(scopeOf(principal), { department: asked.department, region: asked.region }) };
    const repository = new ReferralRepository(await this.readModels.sql());
    const { total, items } = await repository.list(toUnit === undefined ? filter : { ...filter, toUnit });
    return { total, limit: filter.limit, offset: filter.offset, items: items.map((state) => referralView(state, now)) };
  }
}
