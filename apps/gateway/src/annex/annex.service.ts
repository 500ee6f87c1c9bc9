import { Inject, Injectable } from '@nestjs/common';
import type { AnnexReport } from '@hub/contracts';
import { HubError, NET_SWORD_2021, parseAnnexScope, scopeLabel, type AnnexPeriod, type AnnexScope } from '@hub/domain';
import { renderAnnexCsv, renderAnnexXlsx } from '@hub/reports';
import type { Principal } from '../auth/principal.js';
import { ANNEX_READER, type AnnexReader } from './annex.reader.js';

export const ANNEX_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type AnnexFormat = (typeof ANNEX_FORMATS)[number];

export interface AnnexQuery {
  scope?: string;
  from?: string;
  to?: string;
  asOf?: string;
  format?: string;
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
    const scope = parseAnnexScope(query.scope ?? defaultScope(principal), NET_SWORD_2021.regionTableYear);
    authorise(principal, scope);
    const period: AnnexPeriod = {
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
      ...(query.asOf ? { asOf: query.asOf } : {}),
    };
    const report = await this.reader.report(NET_SWORD_2021, scope, period);
    if (format === 'json') return { format, body: report };
    const baseName = `annex-${report.scope.replace(/[^A-Za-z0-9_-]+/g, '_')}`;
    if (format === 'csv') return { format, body: renderAnnexCsv(report), contentType: 'text/csv; charset=utf-8', fileName: `${baseName}.csv` };
    const body = await renderAnnexXlsx(report, {
      title: NET_SWORD_2021.title,
      unitLabel: scopeLabel(scope, NET_SWORD_2021.regionTableYear),
      reportDate: new Date(),
      note: NET_SWORD_2021.note,
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

export const defaultScope = (principal: Principal): string => (principal.kind === 'unit' ? `unit:${principal.unit}` : 'all');

/** A reporting unit sees its own annex only; coordinators and auditors see every scope. */
export function authorise(principal: Principal, scope: AnnexScope): void {
  if (principal.kind !== 'unit') return;
  if (scope.kind !== 'unit' || scope.unit !== principal.unit) {
    throw new HubError('FORBIDDEN', `unit ${principal.unit} may only read its own annex (scope=unit:${principal.unit})`);
  }
}
