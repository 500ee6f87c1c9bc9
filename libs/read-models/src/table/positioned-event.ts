import type { HubEvent } from '@hub/domain';

/** A message as the projector receives it, before it is trusted to be an event. */
export interface RawMessage {
  /** JetStream stream sequence. */
  seq: number;
  /** `hub.evt.<department>.<region>.<aggregateType>.<aggregateId>` */
  subject: string;
  data: Uint8Array;
}

/** A decoded event with its place in the stream and the parts of its subject, which the read models key on. */
export interface PositionedEvent {
  seq: number;
  streamSubject: string;
  event: HubEvent;
  /** `<department>/<region>` (the event's `source`). */
  unit: string;
  department: string;
  region: string;
  aggregateType: string;
  aggregateId: string;
}

/** Field readers for event data: a stored event passed validation, but the projector must not crash on one that did not. */
export function text(data: Record<string, unknown>, field: string): string | null {
  const value = data[field];
  return typeof value === 'string' ? value : null;
}

export function int(data: Record<string, unknown>, field: string): number | null {
  const value = data[field];
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

export function decimal(data: Record<string, unknown>, field: string): number | null {
  const value = data[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function texts(data: Record<string, unknown>, field: string): string[] {
  const value = data[field];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
