import type { AppConfig } from '#config';
import { type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import cookieParser from 'cookie-parser';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { ApiModule } from './api.module.js';
import { requestCredential } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { BadBodyFilter } from './common/bad-body.filter.js';
import { errorBody } from './common/errors.js';
import { applyLargeJsonRoutes } from './common/body-limits.js';
import { HttpErrorFilter } from './common/http-error.filter.js';
import { LockBudgetInterceptor } from './common/lock-budget.interceptor.js';
import { NotFoundFilter } from './common/not-found.filter.js';
import { QueryFailedFilter } from './common/query-failed.filter.js';
import { applySecurityHeaders } from './common/security-headers.js';
import { applyTrustProxy } from './common/trust-proxy.js';
import { createValidationPipe } from './common/validation.js';
import { apiDocument } from './openapi.js';

/** The API documents describe every route: for signed-in admins only (session cookie or bearer token). */
function adminOnly(auth: AuthService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const credential = requestCredential(req);
    void (credential ? auth.authenticate(credential.token, credential.via) : Promise.resolve(null)).then(
      (actor) => {
        if (!actor) res.status(401).json(errorBody(401, { message: '接口文档仅供管理员查看,请先登录' }));
        else if (actor.role !== 'admin') res.status(403).json(errorBody(403, { message: '接口文档仅供管理员查看' }));
        else next();
      },
      (error: unknown) => next(error),
    );
  };
}

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Builds the configured API application (not yet listening): used by main.ts and the e2e suites. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forRoot(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.LOG_LEVEL as LogLevel) + 1),
  });
  applyTrustProxy(app, config);
  applySecurityHeaders(app, config);
  app.use(cookieParser());
  applyLargeJsonRoutes(app);
  app.setGlobalPrefix('api', { exclude: ['health', 'admin/queues', 'admin/queues/{*path}'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new LockBudgetInterceptor());
  // The last registered filter is tried first: the catch-all database filter goes first so it is tried last.
  app.useGlobalFilters(new QueryFailedFilter(app.getHttpAdapter()), new HttpErrorFilter(app.getHttpAdapter()), new NotFoundFilter(), new BadBodyFilter());
  app.enableShutdownHooks();
  const document = apiDocument(app);
  app.use(['/api/docs', '/api/docs-json'], adminOnly(app.get(AuthService)));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
