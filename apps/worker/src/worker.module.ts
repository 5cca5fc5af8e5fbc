import type { AppConfig } from '#config';
import { DatabaseModule } from '#database';
import { type DynamicModule, Module } from '@nestjs/common';

/** The headless worker: no HTTP, no controllers. Job processors are added here as they come. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [DatabaseModule.forRoot(config)] };
  }
}
