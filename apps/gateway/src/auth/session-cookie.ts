import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'hub_session';
export const CSRF_HEADER = 'x-csrf-token';

/** The session cookie's value, if the request carries one. */
export function sessionCookieOf(request: Request): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** HttpOnly and SameSite=Strict always; Secure when the request came over TLS (directly or via a proxy). */
export function setSessionCookie(request: Request, response: Response, token: string): void {
  response.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: request.secure, path: '/' });
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: request.secure, path: '/' });
}
