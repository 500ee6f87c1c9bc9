import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { HubError, matchesAccessQuery, type AccessQuery, type AccessRecord } from '@hub/domain';
import { readLog } from '@hub/audit';
import { ACCESS_STREAM, ACCESS_SUBJECTS } from '@hub/event-store';
import type { Principal } from '../auth/principal.js';
import { recordsOf } from './access-messages.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { NATS_CONNECTION } from '../tokens.js';

/** Auditors read the access log: matching records in the order they were stored, one JSON object per line. */
@Injectable()
export class AccessLogService {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async query(principal: Principal, query: Query, write: (line: string) => Promise<void>, signal?: AbortSignal): Promise<number> {
    if (principal.kind !== 'auditor') throw new HubError('FORBIDDEN', `the access log is for auditors; a ${principal.kind} principal cannot read it`);
    const read = new QueryReader(query, ['actor', 'route', 'status', 'since', 'until']);
    const actor = read.matching('actor', (v) => /^(account|key|system):\S+$/.test(v), 'account:<id>, key:<id> or system:<name>');
    const route = read.matching('route', (v) => v.startsWith('/'), 'a path prefix, e.g. /api/v1/annex');
    const status = read.matching('status', (v) => /^([1-5]\d\d|[1-5]xx)$/.test(v), 'an HTTP status (403) or a class (4xx)');
    const since = read.instant('since');
    const until = read.instant('until');
    read.done();
    const filter: AccessQuery = {
      ...(actor ? { actor } : {}),
      ...(route ? { route } : {}),
      ...(status ? { status } : {}),
      ...(since ? { since: since.toISOString() } : {}),
      ...(until ? { until: until.toISOString() } : {}),
    };
    let written = 0;
    const plan = { filter: ACCESS_SUBJECTS, ...(since ? { since: since.getTime() } : {}) };
    for await (const batch of readLog(jetstream(this.nc), { stream: ACCESS_STREAM, plan, ...(signal ? { signal } : {}) })) {
      const lines = batch
        .flatMap((message) => recordsOf(message.data))
        .filter((record): record is AccessRecord => record !== undefined && matchesAccessQuery(record, filter))
        .map((record) => `${JSON.stringify(record)}\n`);
      if (lines.length > 0) await write(lines.join(''));
      written += lines.length;
    }
    return written;
  }
}
