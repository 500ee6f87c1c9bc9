import { Inject, Injectable } from '@nestjs/common';
import { HubError, type FieldError, type SubmittedEvent } from '@hub/domain';
import { ReferralRepository } from '@hub/persistence';
import { ReadModels } from '../common/read-models.js';

const ANSWER_TYPES: ReadonlySet<string> = new Set(['referral.answered', 'referral.feedback']);

/**
 * Only the unit a referral is addressed to may answer it or feed back on it. Checked against the
 * projector's `referrals` read model before anything is forwarded, for the whole batch at once:
 * a referral addressed elsewhere → 403, one the hub does not know (yet: a lead.referred is visible
 * once projected) → 404; each names `[i].data.referralId`, and nothing of the batch is stored.
 */
@Injectable()
export class ReferralDirectory {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async assertMayAnswer(unit: string, events: readonly SubmittedEvent[], batch: boolean): Promise<void> {
    const answers = events.flatMap((event, index) => {
      const referralId = event.data['referralId'];
      return ANSWER_TYPES.has(event.type) && typeof referralId === 'string' ? [{ index, referralId, type: event.type }] : [];
    });
    if (answers.length === 0) return;
    const addressees = await new ReferralRepository(await this.readModels.sql()).addressees([...new Set(answers.map((a) => a.referralId))]);
    const forbidden: FieldError[] = [];
    const unknown: FieldError[] = [];
    for (const { index, referralId, type } of answers) {
      const path = `${batch ? `[${index}].` : ''}data.referralId`;
      const units = addressees.get(referralId);
      if (units === undefined) unknown.push({ path, message: `no referral ${referralId} is known to the hub (a lead.referred must be recorded first)` });
      else if (!units.includes(unit)) forbidden.push({ path, message: `referral ${referralId} is not addressed to ${unit}; only the addressed unit may publish ${type}` });
    }
    if (forbidden.length > 0) throw new HubError('FORBIDDEN', `${forbidden.length} referral answer(s) for referrals not addressed to ${unit}; nothing stored`, { fields: [...forbidden, ...unknown] });
    if (unknown.length > 0) throw new HubError('NOT_FOUND', `${unknown.length} referral answer(s) for unknown referrals; nothing stored`, { fields: unknown });
  }
}
