import { describe, expect, it } from '@jest/globals';
import { checkStoredEvent, envelopeProblems, hashOfStoredBody, sealForBatch, storedBytes, streamSubjectOf, type HubEvent, type UnsealedEvent } from '@hub/domain';
import { parseBody } from './log-message.js';
import { BatchChecker, eventAt } from './message-check.js';
import { scanStoredEnvelope } from './stored-envelope.js';

const unsealed = (overrides: Partial<UnsealedEvent> = {}): UnsealedEvent => ({
  id: '4351c8ad-1da5-4e0d-9173-efa1eeddc173',
  type: 'case.transferred',
  source: 'nmpa/652300',
  subject: 'case/C-5',
  time: '2021-10-29T13:20:08+08:00',
  recordedAt: '2021-10-29T05:37:05.845Z',
  version: 2,
  data: { reason: '涉嫌犯罪', toDepartment: 'police', amounts: [1, -2.5, 3e-7, 0], nested: { ok: true, none: null, quote: 'a"b\\c\n\u0001' } },
  prevHash: '76709a696942dd4143d8a1ead1073cbbbf388ee4b227279e2282df44e249761f',
  ...overrides,
});
const bytesOf = (event: HubEvent): Uint8Array => new Uint8Array(storedBytes(event));
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** What JSON.parse makes of the body, in the scanner's terms (undefined where the scanner must not answer). */
function parsedEnvelope(body: Uint8Array): ReturnType<typeof scanStoredEnvelope> {
  const doc = parseBody(body);
  if (doc === undefined || envelopeProblems(doc).length > 0) return undefined;
  const { id, source, subject, version, prevHash, hash } = doc as HubEvent;
  return { id, source, subject, version, prevHash, hash };
}

/** A deterministic stream of numbers in [0, 1) (the mutations must be the same on every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

describe('scanStoredEnvelope', () => {
  it('reads the envelope of a body in the stored layout, with or without actor, with or without prevHash', () => {
    for (const event of [sealForBatch(unsealed()), sealForBatch(unsealed({ actor: 'samr/310000/张三', prevHash: null, version: 1 }))]) {
      const body = bytesOf(event);
      expect(scanStoredEnvelope(body)).toEqual({ id: event.id, source: event.source, subject: event.subject, version: event.version, prevHash: event.prevHash, hash: event.hash });
      expect(hashOfStoredBody(body)).toBe(event.hash);
    }
  });

  it('leaves every other layout to JSON.parse: an event signed on its own, whitespace, members reordered or added', () => {
    const event = sealForBatch(unsealed());
    const text = new TextDecoder().decode(bytesOf(event));
    const others = [
      JSON.stringify({ ...event, sig: 'x' }),
      JSON.stringify(event, null, 1),
      text.replace('"data":', '"data" :'),
      text.replace(',"id":', ',"extra":1,"id":'),
      text.replace('"version":2', '"version":2.0'),
      text.replace('"version":2', '"version":02'),
      text.replace('"version":2', '"version":99999999999999999'),
      text.replace('"id":"', '"id":"\\u0041'),
      text.replace('"source":"nmpa', '"source":"药监'),
      `${text} `,
      `\uFEFF${text}`,
    ];
    for (const other of others) expect(scanStoredEnvelope(encode(other))).toBeUndefined();
  });

  it('answers exactly when JSON.parse reads `data` as an object', () => {
    const datas = [
      '{}', '{ }', '{"a":[]}', '{"a":[1,2,{"b":"c"}]}', '{"a":-0.5e+10}', '{"a":0}', '{"a":"\\u00e9\\n\\/"}', '{"a" : true , "b":false,"c":null}',
      '{"a":01}', '{"a":1.}', '{"a":.5}', '{"a":-}', '{"a":1e}', '{"a":+1}', '{"a":[1,]}', '{"a":1,}', '{,}', '{"a"}', '{"a":tru}', '{"a":nul}',
      '{"a":"\\x"}', '{"a":"\\u12G4"}', '{"a":"\u0001"}', '{"a":"\t"}', '{"a":\'b\'}', '[]', 'null', '"text"', '1', '{"a":1}}', '{"a":[1}', '{"a":{"b":1]}',
      '{"a":NaN}', '{"a":Infinity}', '{"a":"\\', '{"a":"x', '{"a":[',
    ];
    for (const data of datas) {
      const event = sealForBatch(unsealed());
      const text = new TextDecoder().decode(bytesOf(event)).replace(/^\{"data":\{.*?\},"id":/u, `{"data":${data},"id":`);
      expect([data, scanStoredEnvelope(encode(text)) !== undefined]).toEqual([data, parsedEnvelope(encode(text)) !== undefined]);
    }
  });

  it('takes bytes that are not UTF-8 inside a string (the decoder replaces them) and nowhere else', () => {
    const event = sealForBatch(unsealed({ data: { note: 'x' } }));
    const body = bytesOf(event);
    const inString = body.indexOf(0x78); // the x
    const outside = new TextDecoder().decode(body).indexOf('{"note"');
    for (const [at, byte] of [[inString, 0xff], [inString, 0xc3], [outside, 0x80]] as const) {
      const mutated = body.slice();
      mutated[at] = byte;
      expect(scanStoredEnvelope(mutated) !== undefined).toBe(parsedEnvelope(mutated) !== undefined);
    }
  });

  it('never answers otherwise than JSON.parse over thousands of damaged bodies', () => {
    const next = random(2021);
    const events = [sealForBatch(unsealed()), sealForBatch(unsealed({ actor: 'samr/310000/张三', prevHash: null, version: 1, data: { list: [{ a: '①', b: [true, false, null] }] } }))];
    const bytes = [0x22, 0x5c, 0x2c, 0x3a, 0x7b, 0x7d, 0x5b, 0x5d, 0x20, 0x0a, 0x30, 0x31, 0x2e, 0x65, 0x2d, 0x6e, 0x75, 0x00, 0x80, 0xe6, 0x61];
    let answered = 0;
    for (let round = 0; round < 6000; round += 1) {
      const body = Array.from(bytesOf(events[round % 2] as HubEvent));
      for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits -= 1) {
        const at = Math.floor(next() * body.length);
        const byte = bytes[Math.floor(next() * bytes.length)] as number;
        const how = next();
        if (how < 0.4) body[at] = byte;
        else if (how < 0.7) body.splice(at, 0, byte);
        else body.splice(at, 1);
      }
      const mutated = Uint8Array.from(body);
      const scanned = scanStoredEnvelope(mutated);
      if (scanned === undefined) continue;
      answered += 1;
      expect(scanned).toEqual(parsedEnvelope(mutated));
    }
    // Damage in `data`'s string values keeps the layout: a good share must have been read without JSON.parse.
    expect(answered).toBeGreaterThan(300);
  });
});

describe('BatchChecker on bodies it reads without JSON.parse', () => {
  it('reports what the parsing path reports: a subject mismatch, a hash mismatch, a corrupt body', () => {
    const event = sealForBatch(unsealed());
    const good = bytesOf(event);
    const text = new TextDecoder().decode(good);
    const cases: [string, Uint8Array][] = [
      ['as stored', good],
      ['stored under another aggregate', good],
      ['altered data', encode(text.replace('涉嫌犯罪', '涉嫌违法'))],
      ['not JSON', encode(text.replace('"police"', 'police'))],
    ];
    for (const [name, body] of cases) {
      const streamSubject = name === 'stored under another aggregate' ? streamSubjectOf('nmpa/652300', 'case/C-6') : streamSubjectOf(event.source, event.subject);
      const checker = new BatchChecker({ keys: [] }, 1);
      checker.add(7, streamSubject, body, 1);
      const checked = checker.finish();
      const expected = checkStoredEvent(7, streamSubject, parseBody(body), 1, hashOfStoredBody(body));
      expect([name, checked.findings]).toEqual([name, expected.findings]);
      const e = eventAt(checked, 0);
      expect([name, e && { id: e.id, version: e.version, prevHash: e.prevHash, hash: e.hash }]).toEqual([
        name,
        expected.event && { id: expected.event.id, version: expected.event.version, prevHash: expected.event.prevHash, hash: expected.event.hash },
      ]);
    }
  });

  it('tells the in-order thread a hash pair is lowercase hex only when it is (it tests the rest itself)', () => {
    const cases: [UnsealedEvent, boolean | undefined][] = [
      [unsealed(), true],
      [unsealed({ prevHash: null, version: 1 }), true],
      [unsealed({ prevHash: '76709A696942DD4143D8A1EAD1073CBBBF388EE4B227279E2282DF44E249761F' }), undefined],
      [unsealed({ prevHash: 'not a hash' }), undefined],
    ];
    for (const [event, hexHashes] of cases) {
      const sealed = sealForBatch(event);
      const checker = new BatchChecker({ keys: [] }, 1);
      checker.add(3, streamSubjectOf(sealed.source, sealed.subject), bytesOf(sealed), 1);
      expect([event.prevHash, eventAt(checker.finish(), 0)?.hexHashes]).toEqual([event.prevHash, hexHashes]);
    }
  });
});
