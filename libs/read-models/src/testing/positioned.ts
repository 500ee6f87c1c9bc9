import { eventSubject, type HubEvent } from '@hub/domain';
import type { PositionedEvent } from '../table/positioned-event.js';

let counter = 0;

/** A positioned event for unit specs: `unit` publishes `type` on `<aggregateType>/<aggregateId>`. */
export function positioned(seq: number, unit: string, type: string, subject: string, data: Record<string, unknown>, overrides: Partial<HubEvent> = {}): PositionedEvent {
  counter += 1;
  const [department = '', region = ''] = unit.split('/');
  const [aggregateType = '', aggregateId = ''] = subject.split('/');
  return {
    seq,
    streamSubject: eventSubject(department, region, aggregateType, aggregateId),
    unit,
    department,
    region,
    aggregateType,
    aggregateId,
    event: {
      id: `0190f3c2-7a4b-7cde-8f01-${counter.toString(16).padStart(12, '0')}`,
      type,
      source: unit,
      subject,
      time: '2021-10-08T09:30:00+08:00',
      recordedAt: `2021-10-08T01:${String(30 + (seq % 29)).padStart(2, '0')}:00.000Z`,
      version: 1,
      data,
      prevHash: null,
      hash: `h${counter}`,
      sig: `s${counter}`,
      ...overrides,
    },
  };
}
