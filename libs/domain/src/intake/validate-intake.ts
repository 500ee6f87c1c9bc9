import type { HubErrorCode } from '../errors.js';
import type { FieldError } from '../events/types.js';
import { normaliseEntity } from '../entity-keys/index.js';
import { validateSubmission } from '../events/validate.js';
import type { SubmittedEvent } from '../events/types.js';

export interface IntakeItem {
  /** Position in the submission, so every result lands where its event was. */
  index: number;
  command: SubmittedEvent;
  /** Accepted with remarks, e.g. `data.entities[0].value: uscc_checksum_invalid`. */
  flags: string[];
}

export type IntakeValidation =
  | { ok: true; items: IntakeItem[] }
  | { ok: false; error: { code: HubErrorCode; message: string; fields: FieldError[] } };

/**
 * Everything a submission must pass before anything is stored, shared by the gateway (to answer 400/413
 * without a round trip) and the department service (the trust boundary). Entity values must parse as
 * their kind; a USCC whose check character is wrong is accepted and flagged, never lost.
 */
export function validateIntake(body: unknown, unit: string, options: { maxBatch: number }): IntakeValidation {
  const department = unit.split('/')[0] ?? '';
  const result = validateSubmission(body, department, options);
  if (!result.ok) {
    const code: HubErrorCode = result.tooLarge ? 'BATCH_TOO_LARGE' : 'VALIDATION_FAILED';
    return { ok: false, error: { code, message: summarise(result.errors), fields: result.errors } };
  }
  const batch = Array.isArray(body);
  const fields: FieldError[] = [];
  const items = result.value.map((command, index) => {
    const prefix = batch ? `[${index}].` : '';
    return { index, command, flags: checkEntities(command, prefix, fields) };
  });
  if (fields.length > 0) return { ok: false, error: { code: 'VALIDATION_FAILED', message: summarise(fields), fields } };
  return { ok: true, items };
}

function checkEntities(command: SubmittedEvent, prefix: string, fields: FieldError[]): string[] {
  const flags: string[] = [];
  const entities = command.data.entities;
  if (!Array.isArray(entities)) return flags;
  entities.forEach((entity: { kind: string; value: string }, i) => {
    const path = `${prefix}data.entities[${i}].value`;
    const key = normaliseEntity(entity.kind, entity.value);
    if (!key.ok) fields.push({ path, message: key.error });
    else for (const flag of key.key.flags) flags.push(`${path}: ${flag}`);
  });
  return flags;
}

function summarise(fields: readonly FieldError[]): string {
  const shown = fields.slice(0, 5).map((f) => f.path);
  return `invalid input at ${shown.join(', ')}${fields.length > shown.length ? ` and ${fields.length - shown.length} more` : ''}`;
}
