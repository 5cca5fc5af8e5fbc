import { type ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { QueryFailedError } from 'typeorm';
import { errorBody } from './errors.js';

interface JsonResponse {
  status(code: number): JsonResponse;
  setHeader(name: string, value: string): void;
  json(body: unknown): void;
}

/** Seconds a client is asked to wait before retrying a request the database could not serve. */
export const RETRY_AFTER_SECONDS = 2;

/** SQLite and PostgreSQL codes meaning "busy or too slow right now, the same request may succeed later". */
const BUSY_CODES = new Set([
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout)
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '25P03', // idle_in_transaction_session_timeout
  '53300', // too_many_connections
]);

/** Codes meaning "the database cannot be reached": server shutting down or starting, network errors. */
const UNREACHABLE_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** node-postgres errors without a code: no pooled connection in time, a connection dropped. */
const UNREACHABLE_MESSAGE = /timeout exceeded when trying to connect|Connection terminated|connection timeout|Client has encountered a connection error/i;

export type DatabaseFailure = 'duplicate' | 'busy' | 'unreachable' | 'other';

/** Classifies a database error (a TypeORM QueryFailedError or a driver's connection error). */
export function classifyDatabaseError(error: unknown): DatabaseFailure | null {
  const isQuery = error instanceof QueryFailedError;
  const driver = (isQuery ? error.driverError : error) as { code?: unknown; message?: unknown } | undefined;
  const code = typeof driver?.code === 'string' ? driver.code : '';
  if (code === '23505' || code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'duplicate';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || BUSY_CODES.has(code)) return 'busy';
  if (UNREACHABLE_CODES.has(code) || code.startsWith('08')) return 'unreachable';
  const message = error instanceof Error ? error.message : '';
  if (UNREACHABLE_MESSAGE.test(message)) return 'unreachable';
  return isQuery ? 'other' : null;
}

/**
 * Database failures as answers a client can act on:
 * - two requests racing to create the same row (the second hits a unique index): 409, retry;
 * - the database locked by another writer, a lock or statement timeout, a serialisation failure:
 *   503 with Retry-After ("数据库繁忙"); the transaction was rolled back, nothing half-written;
 * - the database unreachable (connection refused or lost, no pooled connection in time): 503;
 * - any other query failure: 500 without internals.
 * Everything else goes to Nest's default handling. Registered first among the global filters, so
 * the more specific filters are tried before it.
 */
@Catch()
export class QueryFailedFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(QueryFailedFilter.name);

  override catch(exception: unknown, host: ArgumentsHost): void {
    const failure = exception instanceof HttpException ? null : classifyDatabaseError(exception);
    if (!failure) return super.catch(exception, host);
    const response = host.switchToHttp().getResponse<JsonResponse>();
    const reason = (exception as Error).message;
    switch (failure) {
      case 'duplicate':
        response.status(409).json(errorBody(409, { message: '数据已被他人同时修改\uFF0C请刷新后重试' }));
        return;
      case 'busy':
        this.logger.warn(`database busy, answered 503: ${reason}`);
        response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        response.status(503).json(errorBody(503, { message: '数据库繁忙\uFF0C请稍后重试\uFF08您的修改未保存\uFF09' }));
        return;
      case 'unreachable':
        this.logger.error(`database unreachable, answered 503: ${reason}`);
        response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        response.status(503).json(errorBody(503, { message: '暂时无法连接数据库\uFF0C请稍后重试\uFF08您的修改未保存\uFF09' }));
        return;
      default:
        this.logger.error(reason, (exception as Error).stack);
        response.status(500).json(errorBody(500, { message: '服务器内部错误\uFF0C请稍后重试或联系管理员' }));
    }
  }
}
