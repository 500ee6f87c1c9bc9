import { canonicalJson } from './canonical-json.js';

/**
 * The canonical JSON of submitted event data, written once on the append path: the quota estimate measures it
 * (estimateStoredBytes, before anything is signed) and the seal writes it into the event's canonical form
 * (sealForBatch). Each serialised the data on its own (estimateStoredBytes 1.5 s and canonicalJson 1.3 s of a 35 s
 * profile of the department service under 40-event requests). Kept per data object from the estimate until the seal takes it; the validated copy is not changed
 * in between (nothing on the append path writes to it), and hashEvent, storedBody and every verify serialise an
 * event afresh, so a changed event never hashes as its kept text.
 */
const TEXTS = new WeakMap<object, string>();

/** canonicalJson(data), kept for {@link takeCanonicalDataText}. */
export function canonicalDataText(data: object): string {
  let text = TEXTS.get(data);
  if (text === undefined) {
    text = canonicalJson(data);
    TEXTS.set(data, text);
  }
  return text;
}

/** The text {@link canonicalDataText} kept for `data`, once (a retry serialises afresh), or undefined. */
export function takeCanonicalDataText(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const text = TEXTS.get(data);
  if (text !== undefined) TEXTS.delete(data);
  return text;
}
