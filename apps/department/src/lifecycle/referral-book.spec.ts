import { describe, expect, it } from '@jest/globals';
import { departmentReadFilters, eventSubject, streamSubjectOf, type AppendCommand, type HubEvent } from '@hub/domain';
import { encodeEvent } from '@hub/event-store';
import { ReferralBook, type StreamReader } from './referral-book.js';

/** An in-memory stream with NATS subject matching (`*` one token, `>` the rest), read like JetStream. */
class MemoryStream implements StreamReader {
  private readonly messages: { seq: number; subject: string; data: Uint8Array }[] = [];

  append(event: HubEvent): void {
    const [department, region] = event.source.split('/') as [string, string];
    const [type, id] = event.subject.split('/') as [string, string];
    this.messages.push({ seq: this.messages.length + 1, subject: eventSubject(department, region, type, id), data: encodeEvent(event).body });
  }

  async *read(options: { filter: string; fromSeq: number }): AsyncGenerator<{ seq: number; data: Uint8Array }> {
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

async function bookFor(department: string, ...events: HubEvent[]): Promise<{ book: ReferralBook; stream: MemoryStream }> {
  const stream = new MemoryStream();
  for (const e of events) stream.append(e);
  const book = new ReferralBook(stream, departmentReadFilters(department));
  await book.catchUp();
  return { book, stream };
}

describe('ReferralBook (the department’s referral rules)', () => {
  it('given samr’s R-1 to police, when police catches up, then it knows the referral by sender and id', async () => {
    const { book } = await bookFor('police', referred('samr/653100', 'police/650100'));
    expect(book.get('samr/653100/referral/R-1')).toMatchObject({ from: 'samr/653100', to: 'police/650100', status: 'sent' });
    expect(book.get('cac/650100/referral/R-1')).toBeUndefined();
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
    expect(book.get('samr/653100/referral/R-1')).toMatchObject({ reason: '涉嫌犯罪', from: 'samr/653100' });
    expect(book.get('cac/650100/referral/R-1')).toMatchObject({ reason: 'squat' });
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
