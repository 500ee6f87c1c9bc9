import { describe, expect, it } from '@jest/globals';
import { departmentReadFilters, eventSubject, streamSubjectOf, type AppendCommand, type HubEvent } from '@hub/domain';
import { encodeEvent } from '@hub/event-store';
import { AddressedRequestBook, type StreamReader } from './addressed-request-book.js';

/** An in-memory stream with NATS subject matching (`*` one token, `>` the rest), read like JetStream. */
class MemoryStream implements StreamReader {
  private readonly messages: { seq: number; subject: string; data: Uint8Array }[] = [];
  /** The filters read, in order. */
  readonly reads: string[] = [];

  append(event: HubEvent): void {
    const [department, region] = event.source.split('/') as [string, string];
    const [type, id] = event.subject.split('/') as [string, string];
    this.messages.push({ seq: this.messages.length + 1, subject: eventSubject(department, region, type, id), data: encodeEvent(event).body });
  }

  /** A message stored as it is (no event encoding). */
  appendRaw(subject: string, body: string): void {
    this.messages.push({ seq: this.messages.length + 1, subject, data: new TextEncoder().encode(body) });
  }

  async *read(options: { filter: string; fromSeq: number }): AsyncGenerator<{ seq: number; data: Uint8Array }> {
    this.reads.push(options.filter);
    for (const message of this.messages) if (message.seq >= options.fromSeq && matches(options.filter, message.subject)) yield message;
    await Promise.resolve();
  }
}

function matches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (const [i, token] of f.entries()) {
    if (token === '>') return s.length > i;
    if (token !== '*' && token !== s[i]) return false;
  }
  return f.length === s.length;
}

let n = 0;
const event = (source: string, type: string, subject: string, data: Record<string, unknown>): HubEvent => {
  n += 1;
  const id = `0190f3c2-7a4b-7cde-8f01-${n.toString(16).padStart(12, '0')}`;
  return { id, type, source, subject, time: '2021-10-08T09:30:00+08:00', recordedAt: '2021-10-08T01:30:00Z', version: 1, data, prevHash: null, hash: 'h', sig: 's' };
};
const command = (e: HubEvent): AppendCommand => ({ id: e.id, type: e.type, subject: e.subject, time: e.time, data: e.data });
const referred = (source: string, to: string, referralId = 'R-1', extra: Record<string, unknown> = {}): HubEvent => {
  const [toDepartment, toRegion] = to.split('/');
  return event(source, 'lead.referred', 'lead/L-1', { referralId, toDepartment, toRegion, reason: '涉嫌犯罪', ...extra });
};
const answered = (source: string, from: string, referralId = 'R-1'): HubEvent => {
  const [fromDepartment, fromRegion] = from.split('/') as [string, string];
  return event(source, 'referral.answered', `referral/${fromDepartment}-${fromRegion}-referral-${referralId}`, { referralId, fromDepartment, fromRegion, decision: 'accepted' });
};
const noHeads = { storedId: (): boolean => false };
const plain = (): string => '';

async function bookFor(department: string, ...events: HubEvent[]): Promise<{ book: AddressedRequestBook; stream: MemoryStream }> {
  const stream = new MemoryStream();
  for (const e of events) stream.append(e);
  const book = new AddressedRequestBook(stream, departmentReadFilters(department));
  await book.catchUp();
  return { book, stream };
}

describe('AddressedRequestBook: referrals (the department’s referral rules)', () => {
  it('given samr’s R-1 to police, when police catches up, then it knows the referral by sender and id', async () => {
    const { book } = await bookFor('police', referred('samr/653100', 'police/650100'));
    expect(book.referral('samr/653100/referral/R-1')).toMatchObject({ from: 'samr/653100', to: 'police/650100', status: 'sent' });
    expect(book.referral('cac/650100/referral/R-1')).toBeUndefined();
  });

  it('given a unit, when it refers a lead to itself, then SELF_REFERRAL names data.toDepartment', async () => {
    const { book } = await bookFor('samr');
    const refusal = await book.checkBatch('samr/653100', [command(referred('samr/653100', 'samr/653100'))], noHeads, plain);
    expect(refusal).toMatchObject({ code: 'SELF_REFERRAL', fields: [{ path: 'data.toDepartment' }] });
  });

  it('given samr’s R-1, when samr sends R-1 again with a new event id, then REFERRAL_EXISTS; cac’s own R-1 is another referral', async () => {
    const { book } = await bookFor('samr', referred('samr/653100', 'police/650100'));
    const again = referred('samr/653100', 'police/650100');
    expect(await book.checkBatch('samr/653100', [command(again)], noHeads, (i) => `[${i}].`)).toMatchObject({
      code: 'REFERRAL_EXISTS',
      fields: [{ path: '[0].data.referralId' }],
    });
    const { book: cacBook } = await bookFor('cac', referred('samr/653100', 'police/650100'));
    expect(await cacBook.checkBatch('cac/650100', [command(referred('cac/650100', 'police/650100'))], noHeads, plain)).toBeUndefined();
  });

  it('given samr’s R-3 just stored by this instance (recorded, not yet read), when samr sends R-3 again, then REFERRAL_EXISTS', async () => {
    const { book } = await bookFor('samr');
    book.record(referred('samr/653100', 'police/650100', 'R-3'));
    expect(await book.checkBatch('samr/653100', [command(referred('samr/653100', 'cac/650100', 'R-3'))], noHeads, plain)).toMatchObject({ code: 'REFERRAL_EXISTS' });
  });

  it('given one batch sending R-2 twice, when checked, then the second is REFERRAL_EXISTS', async () => {
    const { book } = await bookFor('samr');
    const batch = [command(referred('samr/653100', 'police/650100', 'R-2')), command(referred('samr/653100', 'cac/650100', 'R-2'))];
    expect(await book.checkBatch('samr/653100', batch, noHeads, (i) => `[${i}].`)).toMatchObject({ code: 'REFERRAL_EXISTS', fields: [{ path: '[1].data.referralId' }] });
  });

  it('given samr’s R-1 to police, when cac answers it, then NOT_ADDRESSED_TO_YOU; the sender answering its own is refused too', async () => {
    const { book } = await bookFor('cac', referred('samr/653100', 'police/650100'));
    expect(await book.checkBatch('cac/650100', [command(answered('cac/650100', 'samr/653100'))], noHeads, plain)).toMatchObject({
      code: 'NOT_ADDRESSED_TO_YOU',
      fields: [{ path: 'data.referralId' }],
    });
    const { book: samrBook } = await bookFor('samr', referred('samr/653100', 'police/650100'));
    const own = await samrBook.checkBatch('samr/653100', [command(answered('samr/653100', 'samr/653100'))], noHeads, plain);
    expect(own?.message).toContain('the sending unit cannot answer its own referral');
  });

  it('given no lead.referred yet, when police answers, then UNKNOWN_REFERRAL; once it is on the stream, the next check catches up and allows it', async () => {
    const { book, stream } = await bookFor('police');
    const answer = [command(answered('police/650100', 'samr/653100'))];
    expect(await book.checkBatch('police/650100', answer, noHeads, plain)).toMatchObject({ code: 'UNKNOWN_REFERRAL' });
    stream.append(referred('samr/653100', 'police/650100'));
    expect(await book.checkBatch('police/650100', answer, noHeads, plain)).toBeUndefined();
  });

  it('given cac’s look-alike R-1 to police, when police answers samr’s R-1, then the answer is judged against samr’s referral', async () => {
    const { book } = await bookFor(
      'police',
      referred('samr/653100', 'police/650100'),
      referred('cac/650100', 'police/650100', 'R-1', { reason: 'squat', dueAt: '2099-12-31T00:00:00+08:00' }),
    );
    expect(book.referral('samr/653100/referral/R-1')).toMatchObject({ reason: '涉嫌犯罪', from: 'samr/653100' });
    expect(book.referral('cac/650100/referral/R-1')).toMatchObject({ reason: 'squat' });
    expect(await book.checkBatch('police/650100', [command(answered('police/650100', 'samr/653100'))], noHeads, plain)).toBeUndefined();
  });

  it('given an event id already stored, when resubmitted, then it is left to the pipeline as a duplicate', async () => {
    const first = referred('samr/653100', 'police/650100');
    const { book } = await bookFor('samr', first);
    const stored = { storedId: (id: string): boolean => id === first.id };
    expect(await book.checkBatch('samr/653100', [command(first)], stored, plain)).toBeUndefined();
    expect(streamSubjectOf('samr/653100', first.subject)).toBe('hub.evt.samr.653100.lead.L-1');
  });
});

const closureRequested = (source: string, to: string, closureId = 'CL-1'): HubEvent => {
  const [toDepartment, toRegion] = to.split('/');
  return event(source, 'closure.requested', `closure/${closureId}`, { toDepartment, toRegion, targetKind: 'website', target: 'https://fake.example.cn', reason: '销售假药' });
};
const closureAnswered = (source: string, from: string, closureId = 'CL-1'): HubEvent => {
  const [fromDepartment, fromRegion] = from.split('/') as [string, string];
  return event(source, 'closure.answered', `closure/${fromDepartment}-${fromRegion}-closure-${closureId}`, { closureId, fromDepartment, fromRegion, decision: 'closed' });
};
const transferred = (source: string, toRegion: string, caseId = 'C-1'): HubEvent => event(source, 'case.transferred', `case/${caseId}`, { toDepartment: 'police', toRegion });
const transferAnswered = (source: string, from: string, caseId = 'C-1'): HubEvent => {
  const [fromDepartment, fromRegion] = from.split('/') as [string, string];
  return event(source, 'case.transfer_answered', `case/${fromDepartment}-${fromRegion}-case-${caseId}`, { caseId, fromDepartment, fromRegion, decision: 'opened', policeCaseId: 'GA-1' });
};

describe('AddressedRequestBook: closure requests and transfers (the answer rules)', () => {
  it('given cac’s closure request to telecom, when telecom answers it, then allowed; when postal answers it, then NOT_ADDRESSED_TO_YOU on data.closureId', async () => {
    const { book } = await bookFor('telecom', closureRequested('cac/650100', 'telecom/650000'));
    expect(book.request('cac/650100/closure/CL-1')).toMatchObject({ from: 'cac/650100', to: 'telecom/650000' });
    expect(await book.checkBatch('telecom/650000', [command(closureAnswered('telecom/650000', 'cac/650100'))], noHeads, plain)).toBeUndefined();
    const { book: postal } = await bookFor('postal', closureRequested('cac/650100', 'telecom/650000'));
    expect(await postal.checkBatch('postal/650000', [command(closureAnswered('postal/650000', 'cac/650100'))], noHeads, (i) => `[${i}].`)).toMatchObject({
      code: 'NOT_ADDRESSED_TO_YOU',
      fields: [{ path: '[0].data.closureId', message: expect.stringContaining('addressed to telecom/650000, not to postal/650000') }],
    });
  });

  it('given no closure request yet, when telecom answers, then it reads the requesters’ closure chains only and refuses UNKNOWN_CLOSURE; once the request is stored, the answer is allowed', async () => {
    const { book, stream } = await bookFor('telecom');
    stream.reads.length = 0;
    const answer = [command(closureAnswered('telecom/650000', 'cac/650100'))];
    expect(await book.checkBatch('telecom/650000', answer, noHeads, plain)).toMatchObject({ code: 'UNKNOWN_CLOSURE', fields: [{ path: 'data.closureId' }] });
    expect(stream.reads).toEqual(departmentReadFilters('telecom').closures);
    stream.append(closureRequested('cac/650100', 'telecom/650000'));
    expect(await book.checkBatch('telecom/650000', answer, noHeads, plain)).toBeUndefined();
  });

  it('given samr’s case transferred to police/650100, when police/654000 answers it, then NOT_ADDRESSED_TO_YOU on data.caseId; police/650100 may', async () => {
    const { book } = await bookFor('police', transferred('samr/653100', '650100'));
    expect(await book.checkBatch('police/654000', [command(transferAnswered('police/654000', 'samr/653100'))], noHeads, plain)).toMatchObject({
      code: 'NOT_ADDRESSED_TO_YOU',
      fields: [{ path: 'data.caseId' }],
    });
    expect(await book.checkBatch('police/650100', [command(transferAnswered('police/650100', 'samr/653100'))], noHeads, plain)).toBeUndefined();
  });

  it('given no transfer of samr’s C-9, when police answers it, then UNKNOWN_TRANSFER after reading every unit’s case chains', async () => {
    const { book, stream } = await bookFor('police', transferred('samr/653100', '650100'));
    stream.reads.length = 0;
    expect(await book.checkBatch('police/650100', [command(transferAnswered('police/650100', 'samr/653100', 'C-9'))], noHeads, plain)).toMatchObject({ code: 'UNKNOWN_TRANSFER', fields: [{ path: 'data.caseId' }] });
    expect(stream.reads).toEqual(['hub.evt.*.*.case.*']);
  });

  it('given a department other than the police, when it reads, then it reads no case chains, and closures only where the requesters keep them', () => {
    expect(departmentReadFilters('samr')).toMatchObject({ cases: [], closures: ['hub.evt.cac.*.closure.*', 'hub.evt.police.*.closure.*', 'hub.evt.samr.*.closure.*'] });
    expect(departmentReadFilters('joint')).toMatchObject({ cases: [], closures: [] });
  });

  it('given a snapshot of the book, when a new book imports it and catches up, then it knows the same requests and reads only what came after', async () => {
    const { book, stream } = await bookFor('police', transferred('samr/653100', '650100'), closureRequested('cac/650100', 'police/650100'));
    const copy = new AddressedRequestBook(stream, departmentReadFilters('police'));
    copy.importState(structuredClone(book.exportState()));
    stream.append(transferred('tax/654000', '654000', 'C-2'));
    expect(await copy.catchUp()).toBe(1);
    expect(copy.request('tax/654000/case/C-2')).toMatchObject({ to: 'police/654000' });
    expect(copy.size).toEqual({ referrals: 0, requests: 3 });
  });

  it('given every unit\'s leads, when the book catches up, then it decodes only the events a request is made of: a lead.reported it could not even parse is passed by, and the position covers it', async () => {
    const stream = new MemoryStream();
    stream.append(event('cac/650100', 'lead.reported', 'lead/L-7', { summary: '网店' }));
    // The body says its type before anything else (an event signed on its own): a body past that is not read.
    stream.appendRaw(eventSubject('cac', '650100', 'lead', 'L-8'), '{"id":"0190f3c2-7a4b-7cde-8f01-00000000ffff","type":"lead.reported",<not JSON>');
    stream.append(referred('samr/653100', 'police/650100', 'R-7'));
    const book = new AddressedRequestBook(stream, departmentReadFilters('police'));
    expect(await book.catchUp()).toBe(3);
    expect(book.referral('samr/653100/referral/R-7')).toMatchObject({ to: 'police/650100' });
    expect(book.position).toBe(3);
  });
});

