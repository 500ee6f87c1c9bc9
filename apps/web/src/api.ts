// Talking to the gateway: every call carries the bearer token; errors come back as ApiError with the
// server's message (the gateway names the failing field or parameter).
import type { ApiErrorBody } from '@hub/contracts';

const TOKEN_KEY = 'net-sword-token';

export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY) ?? localStorage.getItem(TOKEN_KEY),
  set: (token: string, remember: boolean): void => {
    (remember ? localStorage : sessionStorage).setItem(TOKEN_KEY, token);
  },
  clear: (): void => {
    sessionStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(TOKEN_KEY);
  },
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type Params = Record<string, string | number | boolean | null | undefined>;

export function query(params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A signed-in person's CSRF token (the session itself is an HttpOnly cookie the page never sees). */
export const csrfStore = { token: '' };

/** A request's credentials: the bearer token, or (for a write) the signed-in person's CSRF token beside the cookie. */
export function headers(extra: Record<string, string> = {}, write = false): Record<string, string> {
  const token = tokenStore.get();
  return { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(write && !token && csrfStore.token ? { 'x-csrf-token': csrfStore.token } : {}), ...extra };
}

/** Called when a signed-in person's session has ended on the server (idle 30 min, 12 h, signed out elsewhere). */
export const sessionEvents = { ended: (): void => undefined };

async function failure(response: Response): Promise<ApiError> {
  // A 401 while a session was in use: it expired on the server, so the page returns to sign-in.
  if (response.status === 401 && !tokenStore.get() && csrfStore.token) sessionEvents.ended();
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as Partial<ApiErrorBody>;
    message = body.fields?.map((f) => f.message).join('；') || body.message || message;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, message);
}

export async function api<T>(path: string, params?: Params): Promise<T> {
  const response = await fetch(`/api/v1/${path}${query(params)}`, { headers: headers() });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** A JSON Lines answer (audit replay, access log), one parsed object per line. */
export async function apiLines<T>(path: string, params?: Params): Promise<T[]> {
  const response = await fetch(`/api/v1/${path}${query(params)}`, { headers: headers() });
  if (!response.ok) throw await failure(response);
  return (await response.text())
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/**
 * A POST answered with JSON Lines read as they arrive (a long pass's progress): `onLine` per parsed line. Resolves
 * when the answer ends; `signal` aborting stops the read (and, closing the connection, the server's work).
 */
export async function postLines<T>(path: string, params: Params, onLine: (line: T) => void, signal?: AbortSignal): Promise<void> {
  const response = await fetch(`/api/v1/${path}${query(params)}`, { method: 'POST', headers: headers({}, true), ...(signal ? { signal } : {}) });
  if (!response.ok || !response.body) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).trim();
      buffer = buffer.slice(end + 1);
      if (line !== '') onLine(JSON.parse(line) as T);
    }
  }
  if (buffer.trim() !== '') onLine(JSON.parse(buffer) as T);
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  return send<T>('POST', path, body);
}

/** Any write: the bearer token, or the session cookie with its CSRF token. An empty answer is undefined. */
export async function send<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/v1/${path}`, {
    method,
    headers: headers(body === undefined ? {} : { 'content-type': 'application/json' }, true),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw await failure(response);
  const text = await response.text();
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** Fetches a file with the token and hands it to the browser as a download (an <a download> click). */
export async function download(path: string, params: Params, fallbackName: string): Promise<string> {
  const response = await fetch(`/api/v1/${path}${query(params)}`, { headers: headers() });
  if (!response.ok) throw await failure(response);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** Server-sent events over fetch (so the token goes in a header, never in a URL). Calls `onEvent` per message. */
export async function readEventStream(
  path: string,
  lastEventId: string | undefined,
  signal: AbortSignal,
  onEvent: (event: { id?: string; event: string; data: string }) => void,
  onOpen: () => void = () => undefined,
): Promise<void> {
  const response = await fetch(`/api/v1/${path}`, { headers: headers({ accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) }), signal });
  if (!response.ok || !response.body) throw await failure(response);
  onOpen();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message: { id?: string; event: string; data: string } = { event: 'message', data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') message.id = text;
        else if (field === 'event') message.event = text;
        else if (field === 'data') message.data += (message.data ? '\n' : '') + text;
      }
      if (message.data) onEvent(message);
    }
  }
}

/** A multipart write (an attachment): the bearer token, or the session cookie with its CSRF token. */
export async function sendForm<T>(path: string, form: FormData): Promise<T> {
  const response = await fetch(`/api/v1/${path}`, { method: 'POST', headers: headers({}, true), body: form });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** A file fetched with the caller's credentials, as a blob: URL the page can frame or link (revoke it when done). */
export async function blobUrl(path: string): Promise<{ url: string; type: string }> {
  const response = await fetch(`/api/v1/${path}`, { headers: headers() });
  if (!response.ok) throw await failure(response);
  const blob = await response.blob();
  return { url: URL.createObjectURL(blob), type: blob.type };
}
