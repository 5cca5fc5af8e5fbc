import { loadConfig } from '#config';
import { publicUrlWarning, SettingsStore } from '#domain';
import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { SeedingService } from './seeding/seeding.service.js';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  // Migrations run while the database connection opens (migrationsRun).
  const app = await createApp(config);
  if (config.DUBAN_IMPORT_SEEDS === 'true') {
    await app.get(SeedingService).seedIfEmpty(config.DUBAN_SEEDS_DIR);
  }
  await app.listen(config.PORT, config.HOST);
  // Node closes an idle kept-alive connection after 5 s: a client that sends its next request just then
  // (a slow or busy one, or a proxy with a longer idle timeout) gets it reset. Keep them longer than the
  // usual 60 s of proxies and browsers' own checks, headers timeout above it.
  const server = app.getHttpServer() as { keepAliveTimeout: number; headersTimeout: number };
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const { publicUrl } = await app.get(SettingsStore).current();
  console.log(`duban API: http://localhost:${config.PORT} (API docs: /api/docs);督办系统已启动,邮件中的链接地址:${publicUrl}`);
  const warning = publicUrlWarning(publicUrl, config.SMTP_URL !== undefined);
  if (warning) console.warn(warning);
}

bootstrap().catch((error: unknown) => {
  new Logger('bootstrap').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
