import { withLockBudget } from '#database';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';

/**
 * Each request's database lock waits share one budget of DATABASE_LOCK_TIMEOUT_MS (SQLite; see
 * withLockBudget), so a request answers 503 after the configured timeout in total, not once per
 * statement it tries.
 */
@Injectable()
export class LockBudgetInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return new Observable((subscriber) => withLockBudget(() => next.handle().subscribe(subscriber)));
  }
}
