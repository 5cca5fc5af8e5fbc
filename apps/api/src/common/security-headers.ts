import type { AppConfig } from '#config';
import type { INestApplication } from '@nestjs/common';
import type { Application, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** Third-party pages served by the API whose markup carries inline styles (never inline scripts). */
const INLINE_STYLE_PREFIXES = ['/api/docs', '/admin/queues'];

/**
 * The Content-Security-Policy of a 月报 served as HTML: a document, not an application. Nothing
 * runs (sandbox, no script source), nothing loads, nothing frames it; its inline styles stay.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

/** Whether the request reached duban over HTTPS: TLS here, or a trusted proxy's X-Forwarded-Proto, or an https public address. */
export function isHttps(request: Pick<Request, 'secure'>, config: AppConfig): boolean {
  return request.secure || config.DUBAN_PUBLIC_URL.startsWith('https://');
}

/**
 * helmet's defaults, tightened: scripts, styles, images, fonts and requests from this origin only
 * (the web is built into static same-origin files), no inline script anywhere, no framing
 * (frame-ancestors 'none', X-Frame-Options DENY), nosniff, Referrer-Policy no-referrer, no
 * X-Powered-By; HSTS only on HTTPS (over plain HTTP browsers ignore it, and a LAN install may have
 * no certificate). Swagger UI and bull-board keep their inline styles.
 */
export function applySecurityHeaders(app: INestApplication, config: AppConfig): void {
  const express = app.getHttpAdapter().getInstance() as Application;
  express.disable('x-powered-by');
  const inlineStyles = (req: Request) => INLINE_STYLE_PREFIXES.some((p) => req.path === p || req.path.startsWith(`${p}/`) || req.path.startsWith(`${p}-`));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", (req) => (inlineStyles(req as Request) ? "'unsafe-inline'" : '')],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  const hsts = helmet.strictTransportSecurity({ maxAge: 365 * 86_400, includeSubDomains: true });
  app.use((req: Request, res: Response, next: NextFunction) => (isHttps(req, config) ? hsts(req, res, next) : next()));
}
