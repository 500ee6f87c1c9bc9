import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { campaignById, campaignIds, COORDINATION_RETURN_SUBJECT, currentCampaign, HubError, isUuid, type FieldError } from '@hub/domain';
import { EventArchiveRepository } from '@hub/persistence';
import type { Principal } from '../auth/principal.js';
import { requireUnit, scopeOf } from '../auth/scope.js';
import { requestJointDecision, type JointDecision } from '../common/joint-decision.js';
import { ReadModels } from '../common/read-models.js';
import { isUnitCode } from '../common/roles.js';
import { NATS_CONNECTION } from '../tokens.js';

/**
 * A line supervisor or a region coordinator sends one of its units' filings back with a reason (plan
 * 三(四): the line receives the filing, the prefecture's joint meeting is copied): the joint office
 * publishes `report.returned` naming the filed version and the deciding person; readiness shows the unit's
 * package incomplete until it files again.
 */
@Injectable()
export class ReturnFilingService {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  async returnFiling(principal: Principal, body: unknown): Promise<JointDecision> {
    if (principal.kind !== 'line' && principal.kind !== 'region') throw new HubError('FORBIDDEN', 'only a line supervisor or a region coordinator returns a filing of its units');
    const { unit, reason, id, campaign: campaignId } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const fields: FieldError[] = [];
    if (typeof unit !== 'string' || !isUnitCode(unit)) fields.push({ path: 'unit', message: 'must be a reporting unit <department>/<region>, e.g. police/653100' });
    if (typeof reason !== 'string' || reason.trim() === '') fields.push({ path: 'reason', message: 'is required: say what the unit must change' });
    if (id !== undefined && !isUuid(id)) fields.push({ path: 'id', message: "must be a UUID (the request's idempotency key: send the same one when retrying)" });
    const definition = campaignId === undefined ? currentCampaign() : typeof campaignId === 'string' ? campaignById(campaignId) : undefined;
    if (definition === undefined) fields.push({ path: 'campaign', message: `no campaign ${JSON.stringify(campaignId)}: one of ${campaignIds().join(', ')}` });
    if (fields.length > 0) throw new HubError('VALIDATION_FAILED', `invalid input: ${fields.map((f) => f.path).join(', ')}`, { fields });
    const unitCode = unit as string;
    requireUnit(scopeOf(principal), unitCode, 'unit');
    const campaign = (definition as NonNullable<typeof definition>).id;
    const archive = new EventArchiveRepository(await this.readModels.sql());
    const filing = (await archive.latestPerSource('report.submitted', campaign)).find((event) => event.source === unitCode);
    if (filing === undefined) throw new HubError('NOT_FOUND', `${unitCode} has filed nothing to return`, { fields: [{ path: 'unit', message: 'has filed nothing yet' }] });
    const reportSubject = `${unitCode}/report/${campaign}`;
    const earlier = (await archive.latestReturns()).find((event) => event.data['reportSubject'] === reportSubject);
    // A retry with the same id is answered by the coordination service as a duplicate; a second return of
    // the same filing is a conflict (the unit has not filed again since).
    if (id === undefined && earlier !== undefined && Number(earlier.data['filedVersion']) >= filing.version) {
      throw new HubError('CONFLICT', `the filing of ${unitCode} (version ${filing.version}) was already returned`, { fields: [{ path: 'unit', message: 'its filing was already returned' }] });
    }
    if (!principal.actor) throw new HubError('FORBIDDEN', 'a return needs a signed-in person');
    try {
      return await requestJointDecision(this.nc, COORDINATION_RETURN_SUBJECT, {
        reportSubject,
        filedVersion: filing.version,
        reason: (reason as string).trim(),
        by: principal.actor,
        requestId: typeof id === 'string' ? id : randomUUID(),
      });
    } catch (error) {
      // The coordination service decides for certain what the read model above may not show yet.
      if (error instanceof HubError && error.code === 'CONFLICT') throw new HubError('CONFLICT', `the filing of ${unitCode} (version ${filing.version}) was already returned`, { fields: [{ path: 'unit', message: 'its filing was already returned' }] });
      throw error;
    }
  }
}
