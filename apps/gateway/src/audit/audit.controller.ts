import { Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiController } from '../auth/api-controller.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import type { Principal } from '../auth/principal.js';
import { ReadOnlyOperation } from '../auth/read-only.js';
import type { RawQuery } from './audit-query.js';
import { AccessLogService } from '../access/access-log.service.js';
import { AuditService } from './audit.service.js';

const REPLAY_FILTERS: [string, string, string][] = [
  ['subject', 'lead/L-2021-0001', 'one aggregate: <aggregateType>/<aggregateId>'],
  ['aggregateType', 'case', 'aggregate type'],
  ['department', 'samr', 'publishing department'],
  ['region', '653100', 'publishing region (GB/T 2260)'],
  ['type', 'referral.answered', 'event type'],
  ['fromSeq', '1', 'first stream sequence'],
  ['toSeq', '1000', 'last stream sequence'],
  ['since', '2021-10-01T00:00:00+08:00', 'stored at or after (the consumer starts there)'],
  ['until', '2021-10-31T23:59:59+08:00', 'stored at or before'],
];

const ReplayFilters = (): MethodDecorator => (target, key, descriptor) => {
  for (const [name, example, description] of REPLAY_FILTERS) ApiQuery({ name, required: false, example, description })(target, key, descriptor);
};

const AnnexFilters = (): MethodDecorator => (target, key, descriptor) => {
  ApiQuery({ name: 'scope', required: false, example: 'region:653100', description: 'unit:<dept>/<region> | region:<code> | all (default)' })(target, key, descriptor);
  ApiQuery({ name: 'from', required: false, example: '2021-09-01' })(target, key, descriptor);
  ApiQuery({ name: 'to', required: false, example: '2021-12-05' })(target, key, descriptor);
  ApiQuery({ name: 'asOf', required: false, example: '2021-12-05T18:00:00+08:00', description: 'what the log held at that instant (recordedAt)' })(target, key, descriptor);
};

@ApiController('audit', 'api/v1/audit')
export class AuditController {
  constructor(
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AccessLogService) private readonly accessLog: AccessLogService,
  ) {}

  @Get('events')
  @ApiOperation({ summary: 'Replay the log (auditor): matching events in stream order, one JSON object per line' })
  @ReplayFilters()
  @ApiProduces('application/x-ndjson')
  @ApiResponse({ status: 200, description: 'JSON Lines: {seq, streamSubject, storedAt, reconciledFrom?, event}' })
  @ApiResponse({ status: 400, description: 'a bad filter, named in `fields`' })
  @ApiResponse({ status: 403, description: 'not an auditor token' })
  async events(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery, @Res() response: Response): Promise<void> {
    await streamJsonLines(response, (write, signal) => this.audit.replay(principal, query, write, signal));
  }

  @Get('access')
  @ApiOperation({ summary: 'The access log (auditor): every authenticated request, export, failed sign-in, 401 and 403, one JSON object per line' })
  @ApiQuery({ name: 'actor', required: false, example: 'account:A-zhang-wei' })
  @ApiQuery({ name: 'route', required: false, example: '/api/v1/annex', description: 'route prefix' })
  @ApiQuery({ name: 'status', required: false, example: '403', description: 'a status or a class (4xx)' })
  @ApiQuery({ name: 'since', required: false, example: '2021-12-01T00:00:00+08:00' })
  @ApiQuery({ name: 'until', required: false, example: '2021-12-06T00:00:00+08:00' })
  @ApiProduces('application/x-ndjson')
  @ApiResponse({ status: 200, description: 'JSON Lines: {at, actor, role, scope, method, route, filters, status, bytes, durationMs, export, signInFailed?, ip}' })
  @ApiResponse({ status: 400, description: 'a bad filter, named in `fields`' })
  @ApiResponse({ status: 403, description: 'not an auditor' })
  async access(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery, @Res() response: Response): Promise<void> {
    await streamJsonLines(response, (write, signal) => this.accessLog.query(principal, query, write, signal));
  }

  @Post('verify')
  @HttpCode(200)
  @ReadOnlyOperation()
  @ApiOperation({
    summary: 'Verify the log (auditor): every hash, signature (against the key registry, with rotation), aggregate chain, and the stream against the PostgreSQL archive',
    description: 'Findings name their stream sequence and subject. `ok` is false when anything was found. Changes nothing.',
  })
  @ReplayFilters()
  @ApiQuery({ name: 'archive', required: false, description: 'compare with the archive (default true; whole-log passes only)' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiResponse({ status: 200, description: '{ok, events, aggregates, lastSeq, findings, byCode, archive?, total, limit, offset, items: [{code, seq, streamSubject, eventId, message}]}' })
  async verify(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery): Promise<unknown> {
    return this.audit.verify(principal, query);
  }

  @Post('verify/stream')
  @HttpCode(200)
  @ReadOnlyOperation()
  @ApiOperation({
    summary: 'Verify the log (auditor), streamed: the same pass as POST /audit/verify, its progress as it reads, each finding as found, the summary last',
    description:
      'JSON Lines: {kind: "progress", seq, lastSeq} (last sequence read; the stream\'s last when the pass began), {kind: "finding", code, seq, streamSubject, eventId, message} (the first 10,000), ' +
      '{kind: "summary", ok, events, aggregates, lastSeq, findings, seals, byCode, archive?, listed}. A response without a summary line was cut: the pass did not finish. ' +
      'Closing the connection stops the pass. Changes nothing.',
  })
  @ReplayFilters()
  @ApiQuery({ name: 'archive', required: false, description: 'compare with the archive (default true; whole-log passes only)' })
  @ApiProduces('application/x-ndjson')
  @ApiResponse({ status: 200, description: 'JSON Lines: progress, findings, summary' })
  @ApiResponse({ status: 400, description: 'a bad filter, named in `fields`' })
  @ApiResponse({ status: 403, description: 'not an auditor token' })
  async verifyStream(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery, @Res() response: Response): Promise<void> {
    await streamJsonLines(response, (write, signal) => this.audit.verifyStream(principal, query, write, signal));
  }

  @Get('keys')
  @ApiOperation({ summary: 'The key registry (auditor): each department\'s public signing keys with their validity, to check a seal\'s signature (e.g. an inclusion proof\'s)' })
  @ApiResponse({ status: 200, description: '{keys: [{department, publicKey, validFrom, validTo}]}' })
  @ApiResponse({ status: 403, description: 'not an auditor token' })
  async keys(@CurrentPrincipal() principal: Principal): Promise<unknown> {
    return this.audit.keys(principal);
  }

  @Get('proof')
  @ApiOperation({
    summary: "An event's inclusion proof (auditor): the RFC 9162 Merkle path from the event to the root its batch's seal signs, and the seal",
    description: 'Checkable offline with the department\'s public key alone (README, "Checking an inclusion proof").',
  })
  @ApiQuery({ name: 'eventId', required: false, example: '0190f0a1-7c2e-7000-8000-000000000001', description: 'the event, found through the archive; or give seq' })
  @ApiQuery({ name: 'seq', required: false, example: '8', description: "the event's stream sequence, found in the stream (a MISSING_IN_ARCHIVE finding's event); or give eventId" })
  @ApiResponse({ status: 200, description: '{seq, streamSubject, event, leafIndex, treeSize, path, sealSeq, sealSubject, seal}' })
  @ApiResponse({ status: 400, description: 'neither or both of eventId and seq, eventId not a UUID, or seq not a whole number from 1; the field is named' })
  @ApiResponse({ status: 404, description: 'no such event (or no event at seq), or it has no seal (signed on its own)' })
  async proof(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery): Promise<unknown> {
    return this.audit.proof(principal, query);
  }

  @Get('annex')
  @ApiOperation({ summary: 'The annex recomputed from the log as known at asOf (auditor), with the projector\'s rules; compare with GET /api/v1/annex' })
  @AnnexFilters()
  async annex(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery): Promise<unknown> {
    return this.audit.annex(principal, query);
  }

  @Get('trace')
  @ApiOperation({ summary: 'The events behind annex cells (auditor): with row, the cell and its events (paged); without, every row with its event ids' })
  @AnnexFilters()
  @ApiQuery({ name: 'row', required: false, example: 'sa-6' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  async trace(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery): Promise<unknown> {
    return this.audit.trace(principal, query);
  }

  @Get('referrals')
  @ApiOperation({ summary: 'Referral states as of an instant, folded from the log with the projector\'s rules (auditor)' })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiQuery({ name: 'campaign', required: false, example: 'net-sword-2021', description: 'campaign id (default: the current one): the referrals sent in it' })
  async referrals(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery): Promise<unknown> {
    return this.audit.states(principal, 'referrals', query);
  }

  @Get('cases')
  @ApiOperation({ summary: 'Case states as of an instant, folded from the log with the projector\'s rules (auditor)' })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiQuery({ name: 'campaign', required: false, example: 'net-sword-2021', description: 'campaign id (default: the current one): its cases' })
  async cases(@CurrentPrincipal() principal: Principal, @Query() query: RawQuery): Promise<unknown> {
    return this.audit.states(principal, 'cases', query);
  }
}

/**
 * Streams JSON Lines: 200 and the content type with the first line; an error before it is an ordinary error
 * answer, one after it cuts the response so the client sees it incomplete. The client going away (the
 * response closing before we ended it) stops the read.
 */
async function streamJsonLines(response: Response, produce: (write: (chunk: string) => Promise<void>, signal: AbortSignal) => Promise<unknown>): Promise<void> {
  const abort = new AbortController();
  response.on('close', () => {
    if (!response.writableEnded) abort.abort();
  });
  let started = false;
  const write = async (chunk: string): Promise<void> => {
    if (!started) {
      response.status(200).setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
      started = true;
    }
    // A client gone away takes no more lines (and never drains): the producer sees `signal` and stops.
    if (response.destroyed) return;
    if (!response.write(chunk)) await drainedOrClosed(response);
  };
  try {
    await produce(write, abort.signal);
  } catch (error) {
    if (!started) throw error;
    response.destroy(error as Error);
    return;
  }
  if (!started) response.status(200).setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
  response.end();
}

/** Until the response can take more, or is gone. */
function drainedOrClosed(response: Response): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
