import { Controller, Get, Req, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult, HealthCheckService, type HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { requestCredential } from '../auth/auth.guard.js';
import { AuthService } from '../auth/auth.service.js';
import { type AuthedRequest, Public } from '../auth/auth.types.js';
import { RedisHealthIndicator } from '../queue/redis.health.js';

/**
 * What anyone may see (a load balancer, a monitor): the overall status and each check's up, down or
 * degraded. Queue counts, kept jobs and error messages are for signed-in admins.
 */
function livenessOnly(result: HealthCheckResult): HealthCheckResult {
  const strip = <T extends Partial<HealthIndicatorResult> | undefined>(part: T): T =>
    (part ? Object.fromEntries(Object.entries(part).map(([key, value]) => [key, { status: value!.status }])) : part) as T;
  return { status: result.status, info: strip(result.info), error: strip(result.error), details: strip(result.details) };
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: '健康检查(数据库、Redis 与任务队列;队列计数等详情仅管理员登录后可见)' })
  @ApiOkResponse({
    description: '服务正常;Redis 不可用时 status 为 degraded(仍返回 200):接口照常读写,任务暂存数据库,Redis 恢复后自动排队',
    example: { status: 'ok', info: { database: { status: 'up' } }, error: {}, details: { database: { status: 'up' } } },
  })
  @ApiServiceUnavailableResponse({ description: '数据库不可用' })
  async check(@Req() request: AuthedRequest) {
    const credential = requestCredential(request);
    const actor = credential ? await this.auth.authenticate(credential.token, credential.via).catch(() => null) : null;
    const full = actor?.role === 'admin';
    try {
      const result = await this.health.check([() => this.db.pingCheck('database', { timeout: 1500 }), () => this.redis.isHealthy('redis')]);
      return full ? result : livenessOnly(result);
    } catch (error) {
      if (full || !(error instanceof ServiceUnavailableException)) throw error;
      throw new ServiceUnavailableException(livenessOnly(error.getResponse() as HealthCheckResult));
    }
  }
}
