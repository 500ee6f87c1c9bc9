import type { Briefing } from '../../../domain/src/reporting/briefing.js';
import { netSword2021Report } from './net-sword-2021-annex.fixture.js';

/** A briefing of the 2021 campaign with nothing to report yet: specs override the sections they are about. */
export function emptyBriefing(): Briefing {
  return {
    campaign: { id: 'net-sword-2021', name: '网剑行动', title: 't', start: '2021-09-01', end: '2021-12-15', reportDue: '2021-12-05' },
    generatedAt: '2021-12-05T10:00:00.000Z',
    since: '2021-11-01T00:00:00.000Z',
    asOf: '2021-12-05T10:00:00.000Z',
    overdue: { total: 0, byDepartment: [] },
    newClusters: [],
    typicalCases: [],
    annex: netSword2021Report(),
    readiness: { total: 0, complete: 0 },
    byProduct: [],
    actions: [],
    keyPeriodLeads: [],
    logCheckpoint: null,
  };
}
