import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Catalogue, Me } from '@hub/contracts';
import {
  AGGREGATE_TYPE_LABELS,
  CASE_KIND_LABELS,
  DEPARTMENT_LABELS,
  EVENT_TYPE_LABELS,
  NET_SWORD_2021,
  LEAD_CHANNEL_LABELS,
  REFERRAL_DECISION_LABELS,
  regionName,
  regionsFor,
  TAKEDOWN_ACTION_LABELS,
  TARGET_KIND_LABELS,
  VIOLATION_CATEGORY_LABELS,
} from '@hub/domain';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';

/** Who the token belongs to, and the code lists with their Chinese labels (the web UI renders from these). */
@ApiController('session', 'api/v1')
export class SessionController {
  @Get('me')
  @ApiOperation({ summary: 'The principal behind the token: {kind: unit|coordinator|auditor, unit?, department?, region?, label}' })
  me(@CurrentPrincipal() principal: Principal): Me {
    if (principal.kind !== 'unit') return { kind: principal.kind, label: principal.kind === 'coordinator' ? '联席会议协调员' : '审计员' };
    const department = DEPARTMENT_LABELS[principal.department as keyof typeof DEPARTMENT_LABELS] ?? principal.department;
    return { ...principal, label: `${regionName(principal.region, NET_SWORD_2021.regionTableYear) ?? principal.region}${department}` };
  }

  @Get('catalogue')
  @ApiOperation({ summary: 'Departments, regions, event types, categories … with their Chinese labels; the campaign calendar' })
  catalogue(): Catalogue {
    const year = NET_SWORD_2021.regionTableYear;
    return {
      campaign: { id: NET_SWORD_2021.id, title: NET_SWORD_2021.title, start: NET_SWORD_2021.start, end: NET_SWORD_2021.end, reportDue: NET_SWORD_2021.reportDue, timezone: NET_SWORD_2021.timezone },
      departments: DEPARTMENT_LABELS,
      regions: Object.fromEntries(regionsFor(year).map((region) => [region.code, region.name])),
      eventTypes: EVENT_TYPE_LABELS,
      aggregateTypes: AGGREGATE_TYPE_LABELS,
      categories: VIOLATION_CATEGORY_LABELS,
      caseKinds: CASE_KIND_LABELS,
      referralStatuses: { sent: '待答复', accepted: '已接收', rejected: '已拒绝', returned: '已退回', fed_back: '已反馈' },
      referralDecisions: REFERRAL_DECISION_LABELS,
      leadChannels: LEAD_CHANNEL_LABELS,
      takedownActions: TAKEDOWN_ACTION_LABELS,
      targetKinds: TARGET_KIND_LABELS,
    };
  }
}
