// Files for attachment tests: real magic numbers, unique bytes per call so each test's files are its own.
import { randomUUID } from 'node:crypto';

/** A minimal but well-formed one-page PDF whose text makes it unique. */
export function pdf(text: string = randomUUID()): Buffer {
  const content = `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** JPEG magic and a JFIF header, then unique bytes. */
export const jpeg = (): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from(`JFIF\0${randomUUID()}`), Buffer.from([0xff, 0xd9])]);

/** An ELF executable's first bytes (what a `.pdf` must never be). */
export const elf = (): Buffer => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56), Buffer.from(randomUUID())]);

/** POSTs a file to /api/v1/attachments as multipart (kind, subject, file). */
export async function attach(url: string, token: string, fields: { kind: string; subject: string }, file: Buffer, fileName: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  form.append('kind', fields.kind);
  form.append('subject', fields.subject);
  form.append('file', new Blob([file]), fileName);
  const response = await fetch(`${url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
