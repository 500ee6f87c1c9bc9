import { Inject, Injectable } from '@nestjs/common';
import { HubError, referralSubjectId, type FieldError } from '@hub/domain';
import { ReferralRepository } from '@hub/persistence';
import { ReadModels } from '../common/read-models.js';

const ANSWER_TYPES: ReadonlySet<string> = new Set(['referral.answered', 'referral.feedback']);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

interface BareAnswer {
  index: number;
  event: Json;
  data: Json;
  referralId: string;
}

/**
 * A referral is named by its sender (`fromDepartment`/`fromRegion` + `referralId`). For the convenience of
 * departmental systems that only keep the id, an answer or feedback naming neither sender field is
 * completed here from the projected referrals addressed to the caller: exactly one → its sender is filled in
 * (and a bare `referral/<id>` subject becomes the referral's qualified subject); none → 404
 * UNKNOWN_REFERRAL; several senders → 409 AMBIGUOUS_REFERRAL, each naming `[i].data.referralId`. Whether
 * the caller may answer is decided by the department service (the trust boundary), not here.
 */
@Injectable()
export class ReferralDirectory {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  /** The submitted body with bare referral answers completed; the body itself when there are none. */
  async resolveSenders(unit: string, body: unknown): Promise<unknown> {
    const batch = Array.isArray(body);
    const raws: unknown[] = batch ? body : [body];
    const bare = raws.flatMap((raw, index) => bareAnswer(raw, index));
    if (bare.length === 0) return body;
    const senders = await new ReferralRepository(await this.readModels.sql()).sendersTo(unit, [...new Set(bare.map((b) => b.referralId))]);
    const unknown: FieldError[] = [];
    const ambiguous: FieldError[] = [];
    const completed = [...raws];
    for (const { index, event, data, referralId } of bare) {
      const path = `${batch ? `[${index}].` : ''}data.referralId`;
      const from = senders.get(referralId) ?? [];
      if (from.length === 0) unknown.push({ path, message: `no referral ${referralId} addressed to ${unit} is known to the hub (a lead.referred must be recorded first)` });
      else if (from.length > 1) {
        ambiguous.push({ path, message: `referral ${referralId} addressed to ${unit} was sent by ${from.join(', ')}: name the sender with fromDepartment and fromRegion` });
      } else completed[index] = completedAnswer(event, data, referralId, from[0] as string);
    }
    if (ambiguous.length > 0) throw new HubError('AMBIGUOUS_REFERRAL', `${ambiguous.length} referral id(s) name more than one referral; nothing stored`, { fields: [...ambiguous, ...unknown] });
    if (unknown.length > 0) throw new HubError('UNKNOWN_REFERRAL', `${unknown.length} referral answer(s) for unknown referrals; nothing stored`, { fields: unknown });
    return batch ? completed : completed[0];
  }
}

/** An answer or feedback that names its referral by id alone (neither sender field). */
function bareAnswer(raw: unknown, index: number): BareAnswer[] {
  if (!isObject(raw) || typeof raw['type'] !== 'string' || !ANSWER_TYPES.has(raw['type'])) return [];
  const data = raw['data'];
  if (!isObject(data) || typeof data['referralId'] !== 'string') return [];
  if (data['fromDepartment'] !== undefined || data['fromRegion'] !== undefined) return [];
  return [{ index, event: raw, data, referralId: data['referralId'] }];
}

function completedAnswer(event: Json, data: Json, referralId: string, from: string): Json {
  const [fromDepartment, fromRegion] = from.split('/');
  const qualified = `referral/${referralSubjectId(from, referralId)}`;
  // Only the bare form is rewritten: any other subject is the client's and validation judges it.
  const subject = event['subject'] === `referral/${referralId}` ? qualified : event['subject'];
  return { ...event, subject, data: { ...data, fromDepartment, fromRegion } };
}
