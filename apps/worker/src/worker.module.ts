import type { AppConfig } from '#config';
import { DatabaseModule } from '#database';
import { type DynamicModule, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/** Keeps the headless process alive until a shutdown signal; job processors will do so later. */
@Injectable()
export class WorkerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('worker');
  private keepAlive?: NodeJS.Timeout;

  onApplicationBootstrap(): void {
    this.keepAlive = setInterval(() => undefined, 60 * 60 * 1000);
  }

  onApplicationShutdown(signal?: string): void {
    clearInterval(this.keepAlive);
    this.logger.log(`duban worker stopped${signal ? ` (${signal})` : ''}`);
  }
}

/** The headless worker: no HTTP, no controllers. Job processors are added here as they come. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [DatabaseModule.forRoot(config)], providers: [WorkerLifecycle] };
  }
}
