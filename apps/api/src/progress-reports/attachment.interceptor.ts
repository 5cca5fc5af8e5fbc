import { AppConfig } from '#config';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { catchError, from, type Observable, switchMap, throwError } from 'rxjs';

/** Multer for one "file" field, limited to DUBAN_UPLOAD_MAX_MB (413 with a Chinese message beyond). */
@Injectable()
export class AttachmentInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor;

  constructor(private readonly config: AppConfig) {
    const Multer = FileInterceptor('file', { limits: { fileSize: config.DUBAN_UPLOAD_MAX_MB * 1024 * 1024, files: 1 } });
    this.inner = new (Multer as unknown as new (options?: unknown) => NestInterceptor)(undefined);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(Promise.resolve(this.inner.intercept(context, next))).pipe(
      switchMap((result) => result as Observable<unknown>),
      catchError((error: unknown) =>
        throwError(() =>
          error instanceof PayloadTooLargeException
            ? new PayloadTooLargeException({ statusCode: 413, error: '文件过大', message: [`附件不能超过 ${this.config.DUBAN_UPLOAD_MAX_MB} MB`] })
            : error,
        ),
      ),
    );
  }
}
