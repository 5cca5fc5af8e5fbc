import { loadConfig } from '#config';
import { pingRedis } from '#queue';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await pingRedis(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.LOG_LEVEL as LogLevel) + 1),
  });
  // Closes the BullMQ workers on SIGTERM/SIGINT: active jobs finish, nothing new is taken.
  app.enableShutdownHooks();
  new Logger('worker').log(`duban worker started (Redis ${config.REDIS_URL}, mail ${config.SMTP_URL ? 'SMTP' : 'outbox'})`);
}

bootstrap().catch((error: unknown) => {
  new Logger('worker').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
