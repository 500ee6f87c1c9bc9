import type { Request, RequestHandler, Response } from 'express';

/**
 * The response headers a middleware that sets the same headers on every request (helmet) sets, recorded once
 * by running it on a stand-in response. The lean events route replays them instead of running the middleware
 * per request: the same headers, without helmet's dozen closures per request. Throws if the middleware does
 * anything but set headers synchronously and call next() (then replaying would not be the same).
 */
export function recordedHeaders(middleware: RequestHandler): readonly (readonly [string, string | string[]])[] {
  const headers = new Map<string, string | string[]>();
  const standIn = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers.set(name.toLowerCase(), Array.isArray(value) ? [...(value as readonly string[])] : String(value));
      return standIn;
    },
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
  };
  let passed = false;
  middleware({ headers: {}, method: 'GET', url: '/' } as Request, standIn as unknown as Response, (error?: unknown) => {
    if (error !== undefined) throw new Error('the header middleware failed', { cause: error });
    passed = true;
  });
  if (!passed) throw new Error('the header middleware did not pass the request on synchronously: its headers cannot be recorded');
  return [...headers];
}
