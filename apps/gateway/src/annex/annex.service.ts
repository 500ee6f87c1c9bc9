import { Inject, Injectable } from '@nestjs/common';
import type { AnnexReport } from '@hub/contracts';
import { formatAnnexScope, HubError, parseAnnexScope, resolveCampaign, scopeLabel, type AnnexPeriod, type AnnexScope } from '@hub/domain';
import { renderAnnexCsv, renderAnnexXlsx } from '@hub/reports';
import type { Principal } from '../auth/principal.js';
import { coversAnnexScope, defaultAnnexScope, scopeName, scopeOf } from '../auth/scope.js';
import { ANNEX_READER, type AnnexReader } from './annex.reader.js';

export const ANNEX_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type AnnexFormat = (typeof ANNEX_FORMATS)[number];

export interface AnnexQuery {
  scope?: string;
  from?: string;
  to?: string;
  asOf?: string;
  format?: string;
  /** Campaign id (default: the current campaign). */
  campaign?: string;
}

export type AnnexDocument =
  | { format: 'json'; body: AnnexReport }
  | { format: 'csv' | 'xlsx'; body: Buffer | string; contentType: string; fileName: string };

/** The campaign's statistics annex for a scope and period, as JSON, CSV or the printed form. */
@Injectable()
export class AnnexService {
  constructor(@Inject(ANNEX_READER) private readonly reader: AnnexReader) {}

  async annex(principal: Principal, query: AnnexQuery): Promise<AnnexDocument> {
    const format = parseFormat(query.format);
    const definition = resolveCampaign(query.campaign);
    const scope = parseAnnexScope(query.scope ?? defaultScope(principal), definition.regionTableYear);
    authorise(principal, scope);
    const period: AnnexPeriod = {
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
      ...(query.asOf ? { asOf: query.asOf } : {}),
    };
    const report = await this.reader.report(definition, scope, period);
    if (format === 'json') return { format, body: report };
    const baseName = `annex-${report.scope.replace(/[^A-Za-z0-9_-]+/g, '_')}`;
    if (format === 'csv') return { format, body: renderAnnexCsv(report), contentType: 'text/csv; charset=utf-8', fileName: `${baseName}.csv` };
    const body = await renderAnnexXlsx(report, {
      title: definition.title,
      unitLabel: scopeLabel(scope, definition.regionTableYear),
      reportDate: new Date(),
      note: definition.note,
    });
    return { format, body, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${baseName}.xlsx` };
  }
}

function parseFormat(format: string | undefined): AnnexFormat {
  const value = format ?? 'json';
  if ((ANNEX_FORMATS as readonly string[]).includes(value)) return value as AnnexFormat;
  throw new HubError('VALIDATION_FAILED', `format must be one of ${ANNEX_FORMATS.join(', ')}`, {
    fields: [{ path: 'format', message: `format must be one of ${ANNEX_FORMATS.join(', ')} (got "${value}")` }],
  });
}

/** The annex scope a caller reads when it names none: its unit, its region's or line's roll-up, or everything. */
export function defaultScope(principal: Principal): string {
  const scope = scopeOf(principal);
  const annex = defaultAnnexScope(scope);
  if (annex !== undefined) return annex;
  throw new HubError('VALIDATION_FAILED', 'scope is required', { fields: [{ path: 'scope', message: `is required for ${scopeName(scope)}: one of its units, e.g. unit:${scope.level === 'line' ? scope.department : 'samr'}/653100` }] });
}

/** A unit reads its own annex, a prefecture its region's and its units', a line its roll-up and its units'; coordinators and auditors any. */
export function authorise(principal: Principal, scope: AnnexScope): void {
  const own = scopeOf(principal);
  if (!coversAnnexScope(own, scope)) {
    throw new HubError('FORBIDDEN', `scope=${formatAnnexScope(scope)} is outside your scope (${scopeName(own)})`, { fields: [{ path: 'scope', message: `is outside your scope (${scopeName(own)})` }] });
  }
}
