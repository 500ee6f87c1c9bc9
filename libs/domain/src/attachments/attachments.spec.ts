import { describe, expect, it } from '@jest/globals';
import { validateEvent } from '../events/validate.js';
import { ATTACHMENT_LIMITS, judgeAttachment } from './attachment-rules.js';
import { MEDIA_TYPES, sniffMediaType } from './media-type.js';

const bytes = (...parts: (string | number[])[]): Uint8Array => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));
const PDF = bytes('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n');
const ELF = bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 'rest of a binary');
const PE = bytes('MZ', [0x90, 0, 3, 0], 'This program cannot be run in DOS mode');
const SCRIPT = bytes('#!/bin/sh\nrm -rf /\n');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR');
const DOCX = bytes([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml....word/document.xml....');
const ZIP = bytes([0x50, 0x4b, 0x03, 0x04], '....payload.bin....');

describe('media type sniffing (magic numbers, never the name)', () => {
  it.each([
    ['a PDF', PDF, MEDIA_TYPES.pdf],
    ['a JPEG', JPEG, MEDIA_TYPES.jpeg],
    ['a PNG', PNG, MEDIA_TYPES.png],
    ['a Word document', DOCX, MEDIA_TYPES.docx],
  ])('given %s, when sniffed, then it is accepted as its type', (_what, file, mediaType) => {
    expect(sniffMediaType(file)).toEqual({ kind: 'accepted', mediaType });
  });

  it.each([
    ['an ELF binary', ELF, 'ELF'],
    ['a Windows executable', PE, 'Windows executable'],
    ['a shell script', SCRIPT, 'script'],
    ['HTML', bytes('  <html><script>alert(1)</script>'), 'HTML'],
  ])('given %s, when sniffed, then it is an executable', (_what, file, what) => {
    const sniffed = sniffMediaType(file);
    expect(sniffed.kind).toBe('executable');
    expect(sniffed.kind === 'executable' && sniffed.what).toContain(what);
  });

  it('given a ZIP that is not a Word document or an empty file, when sniffed, then it is not accepted', () => {
    expect(sniffMediaType(ZIP).kind).toBe('other');
    expect(sniffMediaType(new Uint8Array())).toEqual({ kind: 'other', what: 'an empty file' });
  });
});

describe('attachment rules per kind', () => {
  it('given a decision PDF named .pdf, when judged, then it is accepted as application/pdf', () => {
    expect(judgeAttachment('decision', '喀市监处罚〔2021〕12号.pdf', PDF)).toEqual({ ok: true, mediaType: MEDIA_TYPES.pdf });
  });

  it('given an ELF binary named .pdf, when judged, then the file field says it is an executable', () => {
    const verdict = judgeAttachment('decision', 'decision.pdf', ELF);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.fields).toEqual([{ path: 'file', message: 'is an ELF executable, not a document: refused whatever its name says' }]);
  });

  it('given a Windows executable and a script named .pdf, when judged, then both are refused on the file field', () => {
    for (const file of [PE, SCRIPT]) {
      const verdict = judgeAttachment('summary', 'summary.pdf', file);
      expect(!verdict.ok && verdict.fields.map((f) => f.path)).toEqual(['file']);
    }
  });

  it('given a photo for a decision, when judged, then the file field names the accepted type', () => {
    const verdict = judgeAttachment('decision', 'scan.jpg', JPEG);
    expect(!verdict.ok && verdict.fields).toEqual([{ path: 'file', message: 'is JPEG; a decision attachment must be PDF' }]);
  });

  it('given a PDF named .docx, when judged, then the fileName field says the extension does not match', () => {
    const verdict = judgeAttachment('summary', 'summary.docx', PDF);
    expect(!verdict.ok && verdict.fields).toEqual([{ path: 'fileName', message: 'ends in ".docx" but the file is PDF (.pdf)' }]);
  });

  it('given a photo over the photo limit, when judged, then the file field names the limit', () => {
    const big = new Uint8Array(ATTACHMENT_LIMITS.photo.maxBytes + 1);
    big.set(PNG);
    const verdict = judgeAttachment('photo', 'scene.png', big);
    expect(!verdict.ok && verdict.fields).toEqual([{ path: 'file', message: `is ${big.length} bytes; a photo attachment may be at most ${ATTACHMENT_LIMITS.photo.maxBytes} bytes` }]);
  });

  it('given an unknown kind and no name, when judged, then kind and fileName are both named', () => {
    const verdict = judgeAttachment('invoice', '', PDF);
    expect(!verdict.ok && verdict.fields.map((f) => f.path)).toEqual(['kind', 'fileName']);
  });
});

describe('attachment.added as an event', () => {
  const event = (subject: string, data: Record<string, unknown>) => ({ id: '0190a4b2-7c1e-7000-8000-000000000001', type: 'attachment.added', subject, time: '2021-11-20T10:00:00+08:00', data });
  const data = { kind: 'decision', fileName: 'd.pdf', mediaType: MEDIA_TYPES.pdf, size: 1000, sha256: 'a'.repeat(64) };

  it('given a decision on a case and on a report, when validated, then both are accepted', () => {
    expect(validateEvent(event('case/C-1', data), 'samr').ok).toBe(true);
    expect(validateEvent(event('report/net-sword-2021', data), 'samr').ok).toBe(true);
  });

  it('given a subject that is not a case, report or record, when validated, then the subject is refused', () => {
    const result = validateEvent(event('lead/L-1', data), 'samr');
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(['subject']);
  });

  it('given a decision claimed as a JPEG, a .jpg name, an upper-case hash and no size, when validated, then each field is named', () => {
    const result = validateEvent(event('case/C-1', { kind: 'decision', fileName: 'd.jpg', mediaType: MEDIA_TYPES.jpeg, sha256: 'A'.repeat(64) }), 'samr');
    expect(!result.ok && result.errors.map((e) => e.path).sort()).toEqual(['data.mediaType', 'data.sha256', 'data.size']);
  });
});
