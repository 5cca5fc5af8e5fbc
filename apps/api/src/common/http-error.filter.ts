import { type ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { errorBody } from './errors.js';

interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

const CJK = /[\u4e00-\u9fff]/u;

/** What a user reads for an HTTP error that came with an English text, by status. */
const CHINESE: Record<number, [error: string, message: string]> = {
  400: ['请求参数有误', '请求格式有误'],
  401: ['未登录', '请先登录'],
  403: ['无权操作', '无权进行此操作'],
  404: ['未找到', '请求的地址不存在'],
  405: ['请求方法有误', '不支持该请求方法'],
  408: ['请求超时', '请求超时\uFF0C请重试'],
  413: ['请求过大', '请求内容过大'],
  415: ['不支持的格式', '不支持的请求内容类型、字符集或压缩方式\uFF08请使用 UTF-8 编码的 JSON\uFF09'],
  429: ['尝试过于频繁', '请求过于频繁\uFF0C请稍后再试'],
};

function hasChinese(body: unknown): boolean {
  const message = typeof body === 'object' && body !== null && 'message' in body ? (body as { message: unknown }).message : body;
  return CJK.test(Array.isArray(message) ? message.join(' ') : String(message ?? ''));
}

/**
 * HTTP errors raised before a controller runs carry English texts: Express's body parser (body too
 * large, unsupported charset or content encoding, a body that does not inflate), multer, Nest's pipes.
 * Users read Chinese: such an error keeps its status and gets a Chinese message. Errors that already
 * speak Chinese keep their texts. Either way the body is an ApiErrorBody (with a code, see errorBody). Registered before the more specific
 * filters (bad bodies, unknown routes), so they are tried first.
 */
@Catch(HttpException)
export class HttpErrorFilter extends BaseExceptionFilter {
  override catch(exception: HttpException, host: ArgumentsHost): void {
    const status = exception.getStatus();
    const response = host.switchToHttp().getResponse<JsonResponse & { headersSent?: boolean }>();
    if (response.headersSent) return super.catch(exception, host);
    if (hasChinese(exception.getResponse())) {
      response.status(status).json(errorBody(status, exception.getResponse()));
      return;
    }
    const [error, message] = CHINESE[status] ?? (status >= 500 ? ['服务器错误', '服务器内部错误\uFF0C请稍后重试或联系管理员'] : ['请求有误', '请求无法处理']);
    response.status(status).json(errorBody(status, { error, message: status === 400 ? [message] : message }));
  }
}
