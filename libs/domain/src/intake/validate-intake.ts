import type { HubErrorCode } from '../errors.js';
import type { FieldError, SubmittedEvent } from '../events/types.js';
import { normaliseEntity } from '../entity-keys/index.js';
import { warningKeyOf, warningListsAt, type WarningIndex } from '../coordination/warning-lists/warning-lists.js';
import { drawListsAt, noDrawListsMessage } from '../draws/draw-campaign.js';
import { validateSubmission } from '../events/validate.js';

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
export function validateIntake(body: unknown, unit: string, options: { maxBatch: number; flags?: boolean }): IntakeValidation {
  // unit.split('/')[0], without the array.
  const slash = unit.indexOf('/');
  const department = slash < 0 ? unit : unit.slice(0, slash);
  const result = validateSubmission(body, department, options);
  if (!result.ok && result.tooLarge) return { ok: false, error: { code: 'BATCH_TOO_LARGE', message: summarise(result.errors), fields: result.errors } };

  // Entity values are checked even when other fields failed, so one answer names every problem.
  const batch = Array.isArray(body);
  const raw: unknown[] = batch ? body : [body];
  const fields: FieldError[] = result.ok ? [] : [...result.errors];
  const withFlags = options.flags ?? true;
  const flagsByIndex = raw.map((event, index) => {
    // The checks name their paths (`[3].data.region`, from `prefixOf`) only when they report something.
    const at = batch ? index : NOT_A_BATCH;
    checkOwnRegion(event, at, unit, fields);
    checkDrawItem(event, at, fields);
    checkOwnAlert(event, at, unit, fields);
    return checkEntities(event, at, fields, withFlags);
  });
  if (!result.ok || fields.length > 0) return { ok: false, error: { code: 'VALIDATION_FAILED', message: summarise(fields), fields } };
  return { ok: true, items: result.value.map((command, index) => ({ index, command, flags: flagsByIndex[index] ?? [] })) };
}

/**
 * Errors go to `fields` with the batch prefix; flags stay relative to their event, as results are per event. A value
 * is flagged `warning_list` when the warning lists of the event's campaign (its time's) name it. Without `withFlags`
 * (the gateway, which forwards the events and answers only errors) no flag is made and no warning list consulted:
 * the same errors.
 */
function checkEntities(event: unknown, at: number, fields: FieldError[], withFlags: boolean): string[] {
  const flags: string[] = [];
  const { data, time } = (event ?? {}) as { data?: { entities?: unknown }; time?: unknown };
  const entities = data?.entities;
  if (!Array.isArray(entities)) return flags;
  // The event's warning lists, looked up once and only when a value is to be flagged (one loop, no closure per event).
  let lists: WarningIndex | undefined;
  for (let i = 0; i < entities.length; i++) {
    // A hole reads as undefined and is skipped below, as forEach skipped it.
    const { kind, value } = (entities[i] ?? {}) as { kind?: unknown; value?: unknown };
    if (typeof kind !== 'string' || typeof value !== 'string') continue; // shape errors come from the DTOs
    const key = normaliseEntity(kind, value);
    if (key.ok && !withFlags) continue;
    if (key.ok) {
      for (const flag of key.key.flags) flags.push(`${entityPath(i)}: ${flag}`);
      lists ??= warningListsAt(typeof time === 'string' ? time : undefined);
      if (lists.byKey.has(`${key.key.kind}:${key.key.canonical}`)) flags.push(`${entityPath(i)}: warning_list`);
      continue;
    }
    // A short service line (95338, 400…) is what a clerk copies from a listing: kept, flagged, never a correlation key.
    const service = warningKeyOf(kind, value);
    if (service !== undefined) {
      if (!withFlags) continue;
      flags.push(`${entityPath(i)}: service_number`);
      lists ??= warningListsAt(typeof time === 'string' ? time : undefined);
      if (lists.byKey.has(service)) flags.push(`${entityPath(i)}: warning_list`);
      continue;
    }
    const path = `${prefixOf(at)}${entityPath(i)}`;
    if (!fields.some((f) => f.path === path)) fields.push({ path, message: key.error });
  }
  return flags;
}

function entityPath(i: number): string {
  return `data.entities[${i}].value`;
}

/** `at` of a body that is one event, not an array: its paths have no `[i].`. */
const NOT_A_BATCH = -1;

/** The path prefix of the event at `at`: `[3].` in a batch, '' for a body that is one event. */
function prefixOf(at: number): string {
  return at === NOT_A_BATCH ? '' : `[${at}].`;
}

/**
 * A unit draws from its own region's register only (双随机 by the unit responsible for those operators): a
 * `draw.committed` naming another region is refused here, whoever sent it, not only by `POST /api/v1/draws`.
 */
function checkOwnRegion(event: unknown, at: number, unit: string, fields: FieldError[]): void {
  const { type, data } = (event ?? {}) as { type?: unknown; data?: { region?: unknown } };
  if (type !== 'draw.committed' || typeof data?.region !== 'string') return;
  const prefix = prefixOf(at);
  const own = unit.split('/')[1] ?? '';
  if (data.region !== own && !fields.some((f) => f.path === `${prefix}data.region`)) fields.push({ path: `${prefix}data.region`, message: `must be the drawing unit's own region ${own}` });
}

/**
 * A draw's item is one of the draw lists of the campaign the draw belongs to (its time's): 2021's items for a 2021
 * draw, 2022's for a 2022 one. A campaign without draw lists takes no draw. Shape errors come from the DTO.
 */
function checkDrawItem(event: unknown, at: number, fields: FieldError[]): void {
  const { type, time, data } = (event ?? {}) as { type?: unknown; time?: unknown; data?: { item?: unknown } };
  if (type !== 'draw.committed' || typeof time !== 'string' || typeof data?.item !== 'string') return;
  const prefix = prefixOf(at);
  const path = `${prefix}data.item`;
  if (fields.some((f) => f.path === path || f.path === `${prefix}time`)) return;
  const { campaign, lists } = drawListsAt(time);
  if (lists === undefined) fields.push({ path, message: noDrawListsMessage(campaign) });
  else if (!lists.items.some((item) => item.id === data.item)) fields.push({ path, message: `must be a spot-check item of ${lists.campaign}: ${lists.items.map((i) => i.id).join(', ')} (got ${JSON.stringify(data.item)})` });
}

/**
 * A verdict on a hit is about an alert addressed to the judging unit: its id (`<dept>-<region>-<day>-<digest>`, see
 * alertIdOf) names that unit, so a unit cannot file verdicts on other units' alerts through the events API either.
 */
function checkOwnAlert(event: unknown, at: number, unit: string, fields: FieldError[]): void {
  const { type, data } = (event ?? {}) as { type?: unknown; data?: { alertId?: unknown } };
  if (type !== 'hit.feedback' || typeof data?.alertId !== 'string') return;
  const prefix = prefixOf(at);
  const own = `${unit.replace('/', '-')}-`;
  if (!data.alertId.startsWith(own) && !fields.some((f) => f.path === `${prefix}data.alertId`)) fields.push({ path: `${prefix}data.alertId`, message: `must be an alert addressed to your unit (${own}…)` });
}

function summarise(fields: readonly FieldError[]): string {
  const shown = fields.slice(0, 5).map((f) => f.path);
  return `invalid input at ${shown.join(', ')}${fields.length > shown.length ? ` and ${fields.length - shown.length} more` : ''}`;
}
