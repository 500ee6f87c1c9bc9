/**
 * What a file is, judged from its first bytes (magic numbers), never from its name or the browser's
 * Content-Type: a `.pdf` that is an ELF binary, a Windows executable or a script is recognised as such.
 */
export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  jpeg: 'image/jpeg',
  png: 'image/png',
} as const;
export type AcceptedMediaType = (typeof MEDIA_TYPES)[keyof typeof MEDIA_TYPES];

/** What sniffing found: an accepted document type, an executable (always refused), or something else. */
export type SniffedType =
  | { kind: 'accepted'; mediaType: AcceptedMediaType }
  | { kind: 'executable'; what: string }
  | { kind: 'other'; what: string };

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean => magic.every((byte, i) => bytes[at + i] === byte);
const ascii = (bytes: Uint8Array, from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

/** Whether a ZIP container holds `word/document.xml` (its name appears in a local header or the central directory). */
function isDocx(bytes: Uint8Array): boolean {
  const name = 'word/document.xml';
  // Names are stored as bytes in the archive; a single-byte view finds them without decoding the ZIP.
  return new TextDecoder('latin1').decode(bytes).includes(name);
}

/** Sniffs the media type of a whole file. Pure. */
export function sniffMediaType(bytes: Uint8Array): SniffedType {
  if (bytes.length === 0) return { kind: 'other', what: 'an empty file' };
  // Executables first: whatever the name says, these never enter the store.
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return { kind: 'executable', what: 'an ELF executable' };
  if (startsWith(bytes, [0x4d, 0x5a])) return { kind: 'executable', what: 'a Windows executable (MZ/PE)' };
  if ([[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]].some((magic) => startsWith(bytes, magic))) {
    return { kind: 'executable', what: 'a Mach-O executable' };
  }
  if (startsWith(bytes, [0x23, 0x21])) return { kind: 'executable', what: 'a script (#!)' };
  // A PDF's header may follow a little junk (Acrobat reads %PDF- within the first 1024 bytes), but an
  // accepted decision document starts with it, as every office system writes it.
  if (ascii(bytes, 0, 5) === '%PDF-') return { kind: 'accepted', mediaType: MEDIA_TYPES.pdf };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'accepted', mediaType: MEDIA_TYPES.jpeg };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'accepted', mediaType: MEDIA_TYPES.png };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return isDocx(bytes) ? { kind: 'accepted', mediaType: MEDIA_TYPES.docx } : { kind: 'other', what: 'a ZIP archive that is not a Word document' };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return { kind: 'other', what: 'an old Office (.doc/.xls) file' };
  const head = ascii(bytes, 0, 256).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<script') || head.startsWith('<svg')) return { kind: 'executable', what: 'HTML/SVG with possible script' };
  return { kind: 'other', what: 'an unrecognised format' };
}

/** The file name extensions that go with each accepted type. */
export const EXTENSIONS: Readonly<Record<AcceptedMediaType, readonly string[]>> = {
  [MEDIA_TYPES.pdf]: ['.pdf'],
  [MEDIA_TYPES.docx]: ['.docx'],
  [MEDIA_TYPES.jpeg]: ['.jpg', '.jpeg'],
  [MEDIA_TYPES.png]: ['.png'],
};

/** The lower-case extension of a file name (`.pdf`), or '' without one. */
export const extensionOf = (fileName: string): string => {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? '' : fileName.slice(dot).toLowerCase();
};
