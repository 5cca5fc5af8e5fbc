import { type ArgumentsHost, Catch, type ExceptionFilter, NotFoundException } from '@nestjs/common';
import { errorBody } from './errors.js';

interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

/** Nest answers unknown routes with "Cannot GET /x"; users read Chinese. */
@Catch(NotFoundException)
export class NotFoundFilter implements ExceptionFilter {
  catch(exception: NotFoundException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    const body = exception.getResponse();
    const message = typeof body === 'object' && body !== null && 'message' in body ? String((body as { message: unknown }).message) : '';
    response.status(404).json(errorBody(404, { ...(typeof body === 'object' ? body : {}), message: /^Cannot [A-Z]+ /.test(message) || message === '' ? '请求的地址不存在' : message }));
  }
}
