import { ALL_QUEUES } from '#queue';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { AuthService } from '../auth/auth.service.js';
import { SESSION_COOKIE } from '../auth/auth.types.js';

/** Where bull-board is served (outside the /api prefix). */
export const BULL_BOARD_PATH = '/admin/queues';

interface Req {
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string>;
}
interface Res {
  status(code: number): Res;
  type(t: string): Res;
  send(body: string): void;
}

/** bull-board for administrators only: signed in by session cookie or bearer token, role admin. */
@Injectable()
export class BullBoardMiddleware implements NestMiddleware {
  private router?: (req: unknown, res: unknown, next: () => void) => void;

  constructor(
    private readonly auth: AuthService,
    private readonly moduleRef: ModuleRef,
  ) {}

  private board() {
    if (!this.router) {
      const adapter = new ExpressAdapter();
      adapter.setBasePath(BULL_BOARD_PATH);
      const queues = ALL_QUEUES.map((name) => new BullMQAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })));
      createBullBoard({ queues, serverAdapter: adapter, options: { uiConfig: { boardTitle: '督办任务队列' } } });
      this.router = adapter.getRouter() as typeof this.router;
    }
    return this.router!;
  }

  async use(req: Req, res: Res, next: () => void): Promise<void> {
    const authorization = req.headers.authorization;
    const bearer = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
    const session = req.cookies?.[SESSION_COOKIE];
    const actor = bearer ? await this.auth.authenticate(bearer, 'bearer') : session ? await this.auth.authenticate(session, 'cookie') : null;
    if (!actor) {
      res.status(401).type('text/plain; charset=utf-8').send('请先登录督办系统(管理员)');
      return;
    }
    if (actor.role !== 'admin') {
      res.status(403).type('text/plain; charset=utf-8').send('只有系统管理员可以查看任务队列');
      return;
    }
    this.board()(req, res, next);
  }
}
