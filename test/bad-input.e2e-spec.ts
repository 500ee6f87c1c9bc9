// Property-based fuzzing of the submission API with generated bad payloads (wrong types, huge strings, odd
// unicode, missing fields, foreign departments, malformed USCCs, oversize batches, garbage bodies): every
// one is answered 4xx naming the field, never 5xx, and nothing is stored. USCCs whose check character is
// wrong are the exception by design: accepted and flagged. BAD_INPUT_RUNS scales the run (default 10,000).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { leadReported } from './support/events.js';
import { TestHub, type SubmissionBody } from './support/test-hub.js';

const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 10_000);
const MAX_BATCH = 50;
const UNIT = 'samr/653100';
/** Share of the runs per kind of bad input (sums to 1). */
const share = (fraction: number): number => Math.max(20, Math.round(RUNS * fraction));

type Json = Record<string, unknown>;
interface BadCase {
  body: unknown;
  /** The path an error must name (exactly, or as a prefix for `data` as a whole). */
  path: string;
}

const valid = (n: number): Json => leadReported(`FZ-${n}`);
let made = 0;
const fresh = (): Json => valid((made += 1));

/** Puts the bad event alone, or at `index` of a batch of valid ones (paths then start with `[index].`). */
function placed(event: Json, path: string, batch: { size: number; index: number } | null): BadCase {
  if (!batch) return { body: event, path };
  const index = batch.index % batch.size;
  const events = Array.from({ length: batch.size }, (_, i) => (i === index ? event : fresh()));
  return { body: events, path: `[${index}].${path}` };
}

const batchPlacement = fc.option(fc.record({ size: fc.integer({ min: 1, max: 12 }), index: fc.nat(11) }), { nil: null });
const notAString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }));

/** Characters a text field cannot carry into the signed log and PostgreSQL: NUL, other C0 controls, unpaired surrogates. */
const unstorable = fc.constantFrom('\u0000', '\u0001', '\u001b', '\u000b', '\ud800', '\udfff', 'x\ud83dy');
/** Odd but printable unicode: fine in free text, never valid in ids, types, subjects or times. */
const odd = fc.constantFrom('\u200b', '\u202e', '\ufeff', '\u00a0', 'Ａ', '𝕏', 'é', '\u0301', '🙂', '网剑');

const wrongEnvelopeType = fc
  .record({ field: fc.constantFrom('id', 'type', 'subject', 'time', 'expectedVersion', 'data'), value: notAString, batch: batchPlacement })
  .filter(({ field, value }) => !(field === 'expectedVersion' && typeof value === 'number' && Number.isSafeInteger(value) && value >= 0))
  .filter(({ field, value }) => !(field === 'data' && typeof value === 'object' && value !== null && !Array.isArray(value)))
  .map(({ field, value, batch }) => placed({ ...fresh(), [field]: value }, field, batch));

const wrongDataType = fc
  .record({ field: fc.constantFrom('category', 'channel', 'platform', 'productCategory', 'summary', 'entities'), value: notAString, batch: batchPlacement })
  .filter(({ field, value }) => !(field === 'entities' && Array.isArray(value) && value.length === 0))
  .map(({ field, value, batch }) => {
    const event = fresh();
    return placed({ ...event, data: { ...(event.data as Json), [field]: value } }, `data.${field}`, batch);
  });

const hugeString = fc
  .record({
    target: fc.constantFrom('id', 'type', 'subject', 'time', 'data.summary', 'data.platform', 'data.entities[0].value'),
    piece: fc.string({ minLength: 1, maxLength: 6 }),
    length: fc.integer({ min: 4_001, max: 150_000 }),
    batch: batchPlacement,
  })
  .map(({ target, piece, length, batch }) => {
    const huge = piece.repeat(Math.ceil(length / piece.length));
    const event = fresh();
    const data = event.data as Json;
    if (target === 'data.summary') return placed({ ...event, data: { ...data, summary: huge } }, target, batch);
    if (target === 'data.platform') return placed({ ...event, data: { ...data, platform: huge } }, target, batch);
    if (target === 'data.entities[0].value') return placed({ ...event, data: { ...data, entities: [{ kind: 'uscc', value: huge }] } }, target, batch);
    if (target === 'subject') return placed({ ...event, subject: `lead/${huge}` }, target, batch);
    return placed({ ...event, [target]: huge }, target, batch);
  });

const oddUnicode = fc.oneof(
  // Structured fields: any odd character breaks them.
  fc
    .record({ field: fc.constantFrom('id', 'type', 'subject', 'time'), char: fc.oneof(odd, unstorable), at: fc.nat(40), batch: batchPlacement })
    .map(({ field, char, at, batch }) => {
      const event = fresh();
      const value = String(event[field]);
      const i = at % (value.length + 1);
      return placed({ ...event, [field]: value.slice(0, i) + char + value.slice(i) }, field, batch);
    }),
  // Free text: only what cannot be stored.
  fc.record({ field: fc.constantFrom('summary', 'platform', 'productDescription'), char: unstorable, text: fc.string({ maxLength: 30 }), batch: batchPlacement }).map(({ field, char, text, batch }) => {
    const event = fresh();
    return placed({ ...event, data: { ...(event.data as Json), [field]: `网店${text}${char}${text}` } }, `data.${field}`, batch);
  }),
);

const missingField = fc
  .record({ field: fc.constantFrom('id', 'type', 'subject', 'time', 'data', 'data.category', 'data.channel', 'data.summary', 'data.entities[0].kind', 'data.entities[0].value'), batch: batchPlacement })
  .map(({ field, batch }) => {
    const event = fresh();
    const data = { ...(event.data as Json) };
    if (field.startsWith('data.entities[0].')) {
      const entity: Json = { kind: 'uscc', value: '91110000600037341L' };
      delete entity[field.slice('data.entities[0].'.length)];
      return placed({ ...event, data: { ...data, entities: [entity] } }, field.endsWith('kind') ? 'data.entities[0].kind' : 'data.entities[0].value', batch);
    }
    if (field.startsWith('data.')) {
      delete data[field.slice(5)];
      return placed({ ...event, data }, field, batch);
    }
    const copy = { ...event };
    delete copy[field];
    return placed(copy, field, batch);
  });

/** USCC values that are not a USCC at all (wrong length, letters the code never uses): 400, unlike a bad check character. */
const malformedUscc = fc
  .record({ value: fc.oneof(fc.string({ minLength: 1, maxLength: 17 }), fc.string({ minLength: 19, maxLength: 40 }), fc.stringMatching(/^[IOSVZ]{18}$/)), batch: batchPlacement })
  .filter(({ value }) => value.trim().length > 0)
  .map(({ value, batch }) => {
    const event = fresh();
    return placed({ ...event, data: { ...(event.data as Json), entities: [{ kind: 'uscc', value }] } }, 'data.entities[0].value', batch);
  });

const oversizeBatch = fc.integer({ min: MAX_BATCH + 1, max: MAX_BATCH * 4 }).map((size): BadCase => ({ body: Array.from({ length: size }, fresh), path: '(body)' }));

const garbageBody = fc
  .oneof(
    // (An empty body is read as {} by the JSON body parser: then every missing field is named, tested above.)
    fc.string({ minLength: 1, maxLength: 50 }).filter((s) => s.trim() !== '' && !isJsonObjectOrArray(s)),
    fc.constantFrom('null', 'true', '42', '"event"', '[]', '{', '[{]', '{"id":}'),
    fc.json().filter((s) => !isJsonObjectOrArray(s)),
  )
  .map((raw): BadCase => ({ body: raw, path: '(body)' }));

function isJsonObjectOrArray(raw: string): boolean {
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null;
  } catch {
    return false;
  }
}

describe('bad input to the submission API (property-based)', () => {
  let hub: TestHub;
  let storedBefore = 0;

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police'], maxBatch: MAX_BATCH });
    storedBefore = await hub.storedEvents();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  /** POSTs raw text or JSON; the answer must be 4xx and name `path` in `fields`. */
  const rejects = async ({ body, path }: BadCase): Promise<void> => {
    const response = await hub.submit('samr', body, { unit: UNIT });
    const named = (response.body.fields ?? []).map((f) => f.path);
    if (response.status < 400 || response.status >= 500 || !named.some((p) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`))) {
      throw new Error(`expected 4xx naming ${path}, got ${response.status} naming [${named.join(', ')}]: ${JSON.stringify(response.body).slice(0, 400)}`);
    }
  };

  it.each([
    ['wrong types in the envelope', wrongEnvelopeType, 0.18],
    ['wrong types in data', wrongDataType, 0.18],
    ['huge strings', hugeString, 0.08],
    ['odd unicode', oddUnicode, 0.2],
    ['missing fields', missingField, 0.14],
    ['malformed USCCs', malformedUscc, 0.1],
    ['oversize batches', oversizeBatch, 0.02],
    ['bodies that are not events', garbageBody, 0.1],
  ] as const)('given %s, when submitted, then 4xx naming the field', async (_kind, cases: fc.Arbitrary<BadCase>, fraction) => {
    await fc.assert(fc.asyncProperty(cases, rejects), { numRuns: share(fraction), seed: Number(process.env.BAD_INPUT_SEED ?? 2021) });
  }, 600_000);

  it("given a token of another department's unit, when submitting as this one, then 403 and nothing stored", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('police', 'tax', 'customs', 'nonexistent', 'SAMR', 'samr/../police'), async (department) => {
        const response = await hub.submit(department, fresh(), { unit: UNIT });
        expect([403, 404]).toContain(response.status);
      }),
      { numRuns: 30 },
    );
  });

  it('given all the bad input above, then the stream holds nothing new', async () => {
    expect(await hub.storedEvents()).toBe(storedBefore);
  });

  it('given USCCs with a wrong check character, when submitted, then accepted with a flag (by design), stored once', async () => {
    const before = await hub.storedEvents();
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY'), async (check) => {
        fc.pre(check !== 'L'); // 91110000600037341L is the valid code
        const event = fresh();
        const response = await hub.submit('samr', { ...event, data: { ...(event.data as Json), entities: [{ kind: 'uscc', value: `91110000600037341${check}` }] } }, { unit: UNIT });
        const body: SubmissionBody = response.body;
        expect(response.status).toBe(201);
        expect(body.results[0]?.flags).toEqual(['data.entities[0].value: uscc_checksum_invalid']);
        accepted += 1;
      }),
      { numRuns: 60 },
    );
    expect(await hub.storedEvents()).toBe(before + accepted);
  });
});
