import { loadConfig } from '#config';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.LOG_LEVEL as LogLevel) + 1),
  });
  app.enableShutdownHooks();
  // Logged once the shutdown hooks are in place, so a SIGTERM from now on closes the app cleanly.
  new Logger('worker').log('duban worker started (no jobs registered yet)');
}

bootstrap().catch((error: unknown) => {
  new Logger('worker').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
