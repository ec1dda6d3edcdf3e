import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { HttpApp } from './types.js';

/**
 * Security headers on every answer, `/` and `/api` alike.
 *
 * The policy: scripts and connections only from this origin (Vite emits module files, no inline
 * script; the live stream is same-origin SSE); inline styles allowed because Ant Design writes its
 * CSS-in-JS into <style> elements at run time; data: images and fonts for icons. Nothing may frame
 * the app (clickjacking). HSTS and upgrade-insecure-requests only behind HTTPS (KEFU_SECURE_COOKIES):
 * on a plain-HTTP install they would send the browser to an https:// that is not there. Audio
 * (a call's recording, issue #18) from this origin and from the recordings server's
 * (`KEFU_RECORDINGS_URL`), nowhere else.
 */
export function securityHeaderOptions(https: boolean, recordingsUrl?: string): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        mediaSrc: ["'self'", ...(recordingsUrl === undefined ? [] : [new URL(recordingsUrl).origin])],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    hsts: https ? { maxAge: 180 * 24 * 3600 } : false,
  };
}

/**
 * The headers helmet would set, worked out once. Helmet chooses and formats the values (the kept
 * library); they do not depend on the request, so there is no reason to rebuild them per request.
 * `@fastify/helmet` does rebuild them: it calls `helmet(options)` on every request, which parsed
 * the policy anew each time — 13% of the server's CPU and ~40% fewer answers/s (GET /api/health
 * 5,200/s instead of 8,600/s, ticket creates 620/s instead of 1,000/s on the 2-core box), measured.
 */
export function securityHeaderValues(https: boolean, recordingsUrl?: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(securityHeaderOptions(https, recordingsUrl))({} as IncomingMessage, response as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}

export function installSecurityHeaders(app: HttpApp, https: boolean, recordingsUrl?: string): void {
  const headers = Object.entries(securityHeaderValues(https, recordingsUrl));
  // On the raw response, as helmet itself does: the live event stream takes the socket over and
  // writes its own head, which never sees headers kept by Fastify's reply.
  app.addHook('onRequest', async (_req, reply) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
  });
}
