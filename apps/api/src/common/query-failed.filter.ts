import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';

interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

/**
 * Two requests racing to create the same row (the second hits a unique index) get a 409
 * they can retry, not a 500; any other database failure is a 500 without internals.
 */
@Catch(QueryFailedError)
export class QueryFailedFilter implements ExceptionFilter {
  private readonly logger = new Logger(QueryFailedFilter.name);

  catch(exception: QueryFailedError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    const driverError = exception.driverError as { code?: string } | undefined;
    const code = driverError?.code ?? '';
    if (code === '23505' || code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      response.status(409).json({ statusCode: 409, error: '冲突', message: '数据已被他人同时修改,请刷新后重试' });
      return;
    }
    if (code === 'SQLITE_BUSY' || code === '40001' || code === '40P01') {
      response.status(409).json({ statusCode: 409, error: '冲突', message: '数据库繁忙,请稍后重试' });
      return;
    }
    this.logger.error(exception.message, exception.stack);
    response.status(500).json({ statusCode: 500, error: '服务器错误', message: '服务器内部错误,请稍后重试或联系管理员' });
  }
}
