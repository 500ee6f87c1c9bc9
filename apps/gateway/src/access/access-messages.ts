import { isFailure, type AccessRecord } from '@hub/domain';

/** Records per HUB_ACCESS message: ~300 bytes each, far under NATS's max_payload. */
export const RECORDS_PER_MESSAGE = 200;

/** `hub.access.<kind>`: what an auditor filters on without reading the records. */
export const accessSubjectOf = (record: AccessRecord): string =>
  `hub.access.${record.signInFailed !== undefined ? 'sign_in' : isFailure(record) ? 'refused' : record.export ? 'export' : 'request'}`;

/**
 * Waiting records as HUB_ACCESS messages: each run of consecutive records of one subject, up to RECORDS_PER_MESSAGE
 * per message, so the stream keeps the records in the order they were made (auditors read them in stream order).
 */
export function accessMessages(records: readonly AccessRecord[]): { subject: string; records: AccessRecord[] }[] {
  const messages: { subject: string; records: AccessRecord[] }[] = [];
  let last: { subject: string; records: AccessRecord[] } | undefined;
  for (const record of records) {
    const subject = accessSubjectOf(record);
    if (!last || last.subject !== subject || last.records.length >= RECORDS_PER_MESSAGE) {
      last = { subject, records: [] };
      messages.push(last);
    }
    last.records.push(record);
  }
  return messages;
}

/** One message's body: JSON Lines, one record per line (JSON.stringify never writes a raw newline). */
export const encodeAccessMessage = (records: readonly AccessRecord[]): string => records.map((record) => JSON.stringify(record)).join('\n');

const decoder = new TextDecoder();

/** The records of one HUB_ACCESS message (one per line; a message written before batching holds one); a line that is not JSON is undefined. */
export function recordsOf(data: Uint8Array): (AccessRecord | undefined)[] {
  return decoder
    .decode(data)
    .split('\n')
    .map((line) => {
      try {
        return JSON.parse(line) as AccessRecord;
      } catch {
        return undefined; // skipped by the reader, as a message that is not JSON always was
      }
    });
}
