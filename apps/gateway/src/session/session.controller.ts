import { Get, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { Catalogue, Me } from '@hub/contracts';
import {
  CASE_CLOCK_LABELS,
  CLOSURE_DECISION_LABELS,
  TRANSFER_DECISION_LABELS,
  EXTENDABLE_CASE_CLOCK_LABELS,
  CLOSURE_TARGET_KIND_LABELS,
  GUIDANCE_KIND_LABELS,
  keyPeriodLabels,
  AGGREGATE_TYPE_LABELS,
  CASE_CLOSE_OUTCOME_LABELS,
  DISTRIBUTION_LEVEL_LABELS,
  ENTITY_KIND_LABELS,
  LEAD_CLOSE_OUTCOME_LABELS,
  SEIZURE_CHANNEL_LABELS,
  CASE_KIND_LABELS,
  DEPARTMENT_LABELS,
  DISPLAY_STATE_LABELS,
  DISPLAY_STATUS_LABELS,
  OPERATOR_KIND_LABELS,
  PRODUCT_CATEGORY_LABELS,
  SELF_OPERATED_LABELLING_LABELS,
  HIT_VERDICT_LABELS,
  scopeLabel,
  unitLabels,
  EVENT_TYPE_LABELS,
  campaignCalendar,
  campaignCalendars,
  currentCampaign,
  LEAD_CHANNEL_LABELS,
  REFERRAL_DECISION_LABELS,
  regionName,
  regionsFor,
  TAKEDOWN_ACTION_LABELS,
  TARGET_KIND_LABELS,
  VIOLATION_CATEGORY_LABELS,
} from '@hub/domain';
import { AnyPrincipal } from '../auth/any-principal.js';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal, type AuthenticatedRequest } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { QueryReader, type Query as QueryParams } from '../common/query-params.js';

/** Who the token belongs to, and the code lists with their Chinese labels (the web UI renders from these). */
@ApiController('session', 'api/v1')
@AnyPrincipal()
export class SessionController {
  @Get('me')
  @ApiOperation({ summary: 'The principal behind the token or session: {kind: unit|line|region|coordinator|auditor|staff, unit?, department?, region?, label, actor?, username?, roles?, csrfToken?}' })
  me(@CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest): Me {
    return { ...describePrincipal(principal), ...(request.csrfToken ? { csrfToken: request.csrfToken } : {}) };
  }

  @Get('catalogue')
  @ApiOperation({ summary: 'Departments, regions, event types, categories … with their Chinese labels; the campaign calendar and every campaign' })
  @ApiQuery({ name: 'campaign', required: false, example: 'net-sword-2021', description: 'campaign id (default: the current one)' })
  catalogue(@Query() query: QueryParams): Catalogue {
    const read = new QueryReader(query, ['campaign']);
    const definition = read.campaign();
    read.done();
    const year = definition.regionTableYear;
    return {
      campaign: campaignCalendar(definition),
      campaigns: campaignCalendars(),
      departments: DEPARTMENT_LABELS,
      regions: Object.fromEntries(regionsFor(year).map((region) => [region.code, region.name])),
      units: unitLabels(year),
      eventTypes: EVENT_TYPE_LABELS,
      aggregateTypes: AGGREGATE_TYPE_LABELS,
      categories: VIOLATION_CATEGORY_LABELS,
      caseKinds: CASE_KIND_LABELS,
      referralStatuses: { sent: '待答复', accepted: '已接收', rejected: '已拒绝', returned: '已退回', fed_back: '已反馈' },
      referralDecisions: REFERRAL_DECISION_LABELS,
      leadChannels: LEAD_CHANNEL_LABELS,
      takedownActions: TAKEDOWN_ACTION_LABELS,
      targetKinds: TARGET_KIND_LABELS,
      leadCloseOutcomes: LEAD_CLOSE_OUTCOME_LABELS,
      caseCloseOutcomes: CASE_CLOSE_OUTCOME_LABELS,
      seizureChannels: SEIZURE_CHANNEL_LABELS,
      entityKinds: ENTITY_KIND_LABELS,
      distributionLevels: DISTRIBUTION_LEVEL_LABELS,
      productCategories: PRODUCT_CATEGORY_LABELS,
      operatorKinds: OPERATOR_KIND_LABELS,
      displayStates: DISPLAY_STATE_LABELS,
      displayStatuses: DISPLAY_STATUS_LABELS,
      selfOperatedLabelling: SELF_OPERATED_LABELLING_LABELS,
      guidanceKinds: GUIDANCE_KIND_LABELS,
      closureTargetKinds: CLOSURE_TARGET_KIND_LABELS,
      closureDecisions: CLOSURE_DECISION_LABELS,
      transferDecisions: TRANSFER_DECISION_LABELS,
      keyPeriods: keyPeriodLabels(),
      caseClocks: CASE_CLOCK_LABELS,
      extendableCaseClocks: EXTENDABLE_CASE_CLOCK_LABELS,
      hitVerdicts: HIT_VERDICT_LABELS,
    };
  }
}

const KIND_LABELS = { coordinator: '联席会议协调员', auditor: '审计员', staff: '工作人员' } as const;

const departmentLabel = (department: string): string => DEPARTMENT_LABELS[department as keyof typeof DEPARTMENT_LABELS] ?? department;

/** The `me` answer for a principal (also what a sign-in answers with). */
export function describePrincipal(principal: Principal): Me {
  const person = { ...(principal.actor ? { actor: principal.actor } : {}), ...(principal.username ? { username: principal.username } : {}), ...(principal.roles ? { roles: principal.roles } : {}) };
  if (principal.kind === 'line') {
    const label = `${departmentLabel(principal.department)}条线主管`;
    return { kind: 'line', department: principal.department, label: principal.username ? `${label}（${principal.username}）` : label, ...person };
  }
  if (principal.kind === 'region') {
    const label = `${regionName(principal.region, currentCampaign().regionTableYear) ?? principal.region}联席会议`;
    return { kind: 'region', region: principal.region, label: principal.username ? `${label}（${principal.username}）` : label, ...person };
  }
  if (principal.kind !== 'unit') {
    const label = principal.roles?.some((r) => r.role === 'admin') && principal.kind === 'staff' ? '系统管理员' : KIND_LABELS[principal.kind];
    return { kind: principal.kind, label: principal.username ? `${label}（${principal.username}）` : label, ...person };
  }
  // The printed 填报单位 name (乌鲁木齐市公安局, 自治区公安厅), as the catalogue's `units` give it.
  const unitLabel = scopeLabel({ kind: 'unit', unit: principal.unit }, currentCampaign().regionTableYear);
  return { kind: 'unit', unit: principal.unit, department: principal.department, region: principal.region, label: principal.username ? `${unitLabel}（${principal.username}）` : unitLabel, ...person };
}
