import type { Request, Response } from 'express';

/** Whether the client announced a body (a length above zero, or a chunked one). */
export function hasBody(request: Request): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return length > 0 || request.headers['transfer-encoding'] !== undefined;
}

/** How long a refused client may go on sending the body nobody reads before its connection is cut. */
export const LINGER_MS = 2_000;

/**
 * Answers an error before the body was read (the same JSON shape as HubErrorFilter). The body is never
 * buffered or parsed. With a body still coming, the answer says `Connection: close` and the connection
 * ends much like nginx's "lingering close": FIN after the answer, nothing more read, and the socket cut
 * after LINGER_MS. (Node's own close destroys the socket at once; with unread data
 * the kernel then sends RST, and most clients lose the answer and report EPIPE/ECONNRESET instead.)
 */
export function refuse(request: Request, response: Response, statusCode: number, body: { code: string; message: string } & Record<string, unknown>): void {
  if (hasBody(request) && !request.complete) {
    const socket = request.socket;
    // Not a byte more is read: TCP flow control holds the client back, and neither side spends CPU on it
    // (Node would otherwise read and discard the rest, which with ten 60 MB bodies delays every answer).
    socket.pause();
    socket.resume = (): typeof socket => socket;
    // Node calls destroySoon() once a `Connection: close` answer is written.
    socket.destroySoon = (): void => {
      socket.end();
      const cut = setTimeout(() => socket.destroy(), LINGER_MS);
      cut.unref();
      socket.once('close', () => clearTimeout(cut));
    };
    response.setHeader('Connection', 'close');
  }
  response.status(statusCode).json({ statusCode, ...body });
}
