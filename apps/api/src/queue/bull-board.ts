import { ALL_QUEUES } from '#queue';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { AppConfig } from '#config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AuthService, csrfTokenFor } from '../auth/auth.service.js';
import { CSRF_REFUSED, passesCsrf, requestCredential } from '../auth/auth.guard.js';
import { CSRF_HEADER } from '../auth/auth.types.js';
import { isHttps } from '../common/security-headers.js';

/** Where bull-board is served (outside the /api prefix). */
export const BULL_BOARD_PATH = '/admin/queues';

/** The cookie and header bull-board's client (axios) uses for its CSRF token by default. */
const XSRF_COOKIE = 'XSRF-TOKEN';
const XSRF_HEADER = 'x-xsrf-token';

interface Req {
  method: string;
  originalUrl: string;
  secure: boolean;
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string>;
}
interface Res {
  status(code: number): Res;
  type(t: string): Res;
  send(body: unknown): void;
  cookie(name: string, value: string, options: Record<string, unknown>): void;
}

/** A tag that loads a stylesheet, font, script or image from another host (`https://…`, `//…`). */
const EXTERNAL_RESOURCE = /<(?:link|script|img)\b[^>]*\s(?:href|src)\s*=\s*["']?(?:[a-z][a-z0-9+.-]*:)?\/\/[^>]*>(?:\s*<\/script>)?\s*/giu;

/**
 * bull-board's page without what it would fetch from elsewhere (its index links IBM Plex from Google
 * Fonts): duban needs no network outside the server at run time, and the CSP would refuse it anyway.
 * The page falls back to the system's sans-serif font.
 */
export function withoutExternalResources(html: string): string {
  return html.replace(EXTERNAL_RESOURCE, '');
}

/**
 * bull-board for administrators only: signed in by session cookie or bearer token, role admin,
 * and behind the API's CSRF check: a cookie-signed write must carry the session's CSRF token,
 * in X-CSRF-Token or in the X-XSRF-TOKEN header bull-board's client copies from the XSRF-TOKEN
 * cookie this middleware sets. Every write is in the audit log ("queue.action") before it runs.
 */
@Injectable()
export class BullBoardMiddleware implements NestMiddleware {
  private router?: (req: unknown, res: unknown, next: () => void) => void;

  constructor(
    private readonly auth: AuthService,
    private readonly moduleRef: ModuleRef,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  private board() {
    if (!this.router) {
      const adapter = new ExpressAdapter();
      adapter.setBasePath(BULL_BOARD_PATH);
      const queues = ALL_QUEUES.map((name) => new BullMQAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })));
      createBullBoard({ queues, serverAdapter: adapter, options: { uiConfig: { boardTitle: '督办任务队列' } } });
      const router = adapter.getRouter() as { disable?: (setting: string) => void };
      // bull-board's own Express app would announce itself again.
      router.disable?.('x-powered-by');
      this.router = router as unknown as typeof this.router;
    }
    return this.router!;
  }

  async use(req: Req, res: Res, next: () => void): Promise<void> {
    const credential = requestCredential(req);
    const actor = credential ? await this.auth.authenticate(credential.token, credential.via) : null;
    if (!credential || !actor) {
      res.status(401).type('text/plain; charset=utf-8').send('请先登录督办系统(管理员)');
      return;
    }
    if (actor.role !== 'admin') {
      res.status(403).type('text/plain; charset=utf-8').send('只有系统管理员可以查看任务队列');
      return;
    }
    if (!passesCsrf(req, credential, [CSRF_HEADER, XSRF_HEADER])) {
      res.status(403).type('text/plain; charset=utf-8').send(CSRF_REFUSED);
      return;
    }
    if (credential.via === 'cookie') {
      res.cookie(XSRF_COOKIE, csrfTokenFor(credential.token), { httpOnly: false, sameSite: 'strict', secure: isHttps(req, this.config), path: BULL_BOARD_PATH });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      // Recorded before it runs: a clean, retry or obliterate cannot happen unlogged.
      await this.audit.record(this.dataSource.manager, actor, 'queue.action', 'queue', null, null, null, { method: req.method, path: req.originalUrl.split('?')[0] });
    }
    const send = res.send.bind(res);
    // Its entry page is rendered from bull-board's own template and sent as one string.
    res.send = (body: unknown) => send(typeof body === 'string' && /<html/i.test(body) ? withoutExternalResources(body) : body);
    this.board()(req, res, next);
  }
}
