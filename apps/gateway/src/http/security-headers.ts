import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Response headers for every route (API, web UI, OpenAPI page). The UI is a Vite build: scripts and styles
 * from its own origin only. Styles also allow inline because Naive UI (css-render) injects <style> elements
 * at run time and index.html carries one; scripts stay strictly 'self' (no inline, no eval), which is what
 * stops an injected script. HSTS only when the gateway itself speaks TLS (behind a proxy, the proxy sets it);
 * likewise upgrade-insecure-requests, which would break a plain-HTTP loopback hub.
 */
export function securityHeaders(options: { tls: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'none'"],
        'object-src': ["'none'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        // Attachments are shown inline from blob: URLs the page made of what it downloaded (PDF viewer).
        'frame-src': ["'self'", 'blob:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(options.tls ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: options.tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // helmet sets nosniff, COOP/CORP same-origin and removes X-Powered-By by default.
  });
}
