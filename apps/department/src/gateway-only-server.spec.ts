import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ServerNats } from '@nestjs/microservices';
import { GatewayOnlyServerNats } from './gateway-only-server.js';
import { couldBeJson } from './pattern-route.js';

/** The protected route look-up of both servers, as handleMessage calls it. */
const routeOf = (server: ServerNats, pattern: string): string => (server as unknown as { getRouteFromPattern(p: string): string }).getRouteFromPattern(pattern);

describe('GatewayOnlyServerNats: a subject that cannot be JSON is routed without trying JSON.parse', () => {
  const ours = new GatewayOnlyServerNats({ servers: 'nats://127.0.0.1:1' }, undefined);
  const nests = new ServerNats({ servers: 'nats://127.0.0.1:1' });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('given the intake subject, when routed, then the route is the one Nest finds and JSON.parse is not called', () => {
    const expected = routeOf(nests, 'hub.intake.samr');
    const parse = jest.spyOn(JSON, 'parse');
    expect(routeOf(ours, 'hub.intake.samr')).toBe(expected);
    expect(parse).not.toHaveBeenCalled();
  });

  it.each(['{"cmd":"sum"}', ' ["a",1]', '"hub.intake.samr"', '42', 'true', 'null', 'hub.intake.*', 'notjson'])('given %j, then the route is the one Nest finds', (pattern) => {
    expect(routeOf(ours, pattern)).toBe(routeOf(nests, pattern));
  });

  it('given texts JSON.parse refuses at their first character, then couldBeJson says no; given every start of a JSON value, yes', () => {
    for (const text of ['hub.intake.samr', 'x', '', '  .5', '}']) expect(couldBeJson(text)).toBe(false);
    for (const text of ['{}', '[1]', '"s"', '-1', '0', 'true', 'false', 'null', '\n\t {}']) expect(couldBeJson(text)).toBe(true);
  });
});
