import { describe, expect, it } from '@jest/globals';
import { NatsRequestJSONDeserializer } from '@nestjs/microservices';
import type { Msg } from '@nats-io/transport-node';
import { IntakeDeserializer } from './forwarded-body.js';

/** A message as the deserializers read it: its bytes, and nats.js's json() of them. */
const message = (text: string): Msg => {
  const data = Buffer.from(text, 'utf8');
  return { data, json: () => JSON.parse(new TextDecoder().decode(data)) as unknown } as unknown as Msg;
};

const lead = (n: number) => ({ id: `id-${n}`, type: 'lead.reported', subject: `lead/P-${n}`, data: { summary: '网店销售假冒知名品牌运动鞋', entities: [{ kind: 'phone', value: '+86 138 0013 8000' }] } });

describe('IntakeDeserializer: Nest packets', () => {
  it('given a packet of a whole chunk (1,000 events), when deserialized, then it is what Nest\'s deserializer makes of it', () => {
    const text = JSON.stringify({ pattern: 'hub.intake.samr', id: 'req-1', data: { unit: 'samr/653100', events: Array.from({ length: 1_000 }, (_, n) => lead(n)) } });
    const options = { channel: 'hub.intake.samr' };
    expect(new IntakeDeserializer().deserialize(message(text), options)).toEqual(new NatsRequestJSONDeserializer().deserialize(message(text), options));
  });

  it('given a large packet that is not JSON, when deserialized, then it throws as Nest\'s deserializer throws', () => {
    const text = `${JSON.stringify({ pattern: 'hub.intake.samr', id: 'req-2', data: { unit: 'samr/653100', events: Array.from({ length: 1_000 }, (_, n) => lead(n)) } }).slice(0, -1)},}`;
    expect(() => new NatsRequestJSONDeserializer().deserialize(message(text))).toThrow(SyntaxError);
    expect(() => new IntakeDeserializer().deserialize(message(text))).toThrow(SyntaxError);
  });
});
