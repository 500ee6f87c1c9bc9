import type { Request, Response } from 'express';

/** Whether the client announced a body (a length above zero, or a chunked one). */
export function hasBody(request: Request): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return length > 0 || request.headers['transfer-encoding'] !== undefined;
}

/**
 * Answers an error before the body was read (the same JSON shape as HubErrorFilter). With a body still
 * coming the connection is closed after the answer instead of being drained: reading what we refused
 * would cost exactly what the refusal is there to save.
 */
export function refuse(request: Request, response: Response, statusCode: number, body: { code: string; message: string } & Record<string, unknown>): void {
  if (hasBody(request)) response.setHeader('Connection', 'close');
  response.status(statusCode).json({ statusCode, ...body });
}
