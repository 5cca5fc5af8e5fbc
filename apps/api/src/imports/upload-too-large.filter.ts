import { MAX_DOCUMENT_BYTES } from '#importer';
import { type ArgumentsHost, Catch, type ExceptionFilter, PayloadTooLargeException } from '@nestjs/common';
import type { Response } from 'express';
import { errorBody } from '../common/errors.js';

/** Multer's "File too large", in the users' language. */
@Catch(PayloadTooLargeException)
export class UploadTooLargeFilter implements ExceptionFilter {
  catch(_exception: PayloadTooLargeException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const current = _exception.getResponse() as { message?: string[] | string };
    const message = Array.isArray(current.message) && /[\u4e00-\u9fa5]/.test(current.message.join()) ? current.message : [`文件过大,单个文档不能超过 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB。`];
    response.status(413).json(errorBody(413, { error: '文件过大', message }));
  }
}
