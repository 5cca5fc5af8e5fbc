import type { AppConfig } from '#config';
import { ALL_QUEUES, bullRootOptions, producerConnection } from '#queue';
import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { BULL_BOARD_PATH, BullBoardMiddleware } from './bull-board.js';
import { DecisionNotifier } from './decision-notifier.service.js';
import { JobProducer, QueueErrorReporter } from './job-producer.service.js';
import { NotificationsController } from './notifications.controller.js';
import { PendingJobs } from './pending-jobs.service.js';
import { RedisHealthIndicator } from './redis.health.js';
import { API_CONFIG } from './tokens.js';

/**
 * The API's side of the queues: producers only (no processors) on a fail-fast connection, jobs
 * kept in the database while Redis is down, the Redis health indicator, the notification log /
 * outbox pages, and bull-board.
 */
@Module({})
export class QueueModule implements NestModule {
  /** bull-board at /admin/queues, for administrators. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(BullBoardMiddleware).forRoutes(BULL_BOARD_PATH, `${BULL_BOARD_PATH}/{*path}`);
  }

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [BullModule.forRoot({ ...bullRootOptions(config), connection: producerConnection(config) }), BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))), TerminusModule],
      controllers: [NotificationsController],
      providers: [{ provide: API_CONFIG, useValue: config }, QueueErrorReporter, PendingJobs, JobProducer, DecisionNotifier, RedisHealthIndicator],
      exports: [JobProducer, PendingJobs, DecisionNotifier, RedisHealthIndicator, API_CONFIG],
    };
  }
}
