import { type ArgumentsHost, BadRequestException, Catch, type ExceptionFilter } from '@nestjs/common';
import { errorBody } from './errors.js';

interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

/**
 * A request body that is not JSON reaches Nest as a 400 with the parser's English message;
 * users read Chinese. Validation errors (already Chinese, as a list, with their field errors) keep their texts.
 */
@Catch(BadRequestException)
export class BadBodyFilter implements ExceptionFilter {
  catch(exception: BadRequestException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    const body = exception.getResponse();
    const message = typeof body === 'object' && body !== null && 'message' in body ? (body as { message: unknown }).message : body;
    if (typeof message === 'string' && !/[\u4e00-\u9fff]/u.test(message)) {
      const json = /JSON|Unexpected token|position \d+/i.test(message);
      response.status(400).json(errorBody(400, { message: [json ? '请求内容不是有效的 JSON' : '请求格式有误'] }));
      return;
    }
    response.status(400).json(errorBody(400, typeof body === 'object' ? body : { message: [String(body)] }));
  }
}
