// The bench's HTTP client for the launched hub's scenarios. It shares the hub's two cores: `fetch` (undici's
// WHATWG layer, a Response and its streams per request) cost ~1.2 ms of CPU per single-event request there, more
// than any hub service but PostgreSQL spent on it (README, (h)), so every request the client made cost the hub
// CPU it would have had on a machine of its own. node:http with keep-alive sockets does the same exchange for a
// fraction of that; a departmental system posting from its own machine costs the hub nothing either way.
import { Agent, request } from 'node:http';

export interface PostAnswer {
  status: number;
  /** The parsed JSON body; undefined when it was not JSON. */
  body: unknown;
}

export interface JsonPoster {
  post(url: string, headers: Record<string, string>, body: string): Promise<PostAnswer>;
  close(): void;
}

/** At most `sockets` requests in flight at once, each on a kept-alive connection of its own. */
export function jsonPoster(sockets: number): JsonPoster {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  return {
    post: (url, headers, body) =>
      new Promise((resolve, reject) => {
        const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            let parsed: unknown;
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              parsed = undefined;
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}
