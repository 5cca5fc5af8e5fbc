import type { AppConfig } from '#config';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions } from './options.js';
import { createDataSource } from './sqlite-gate.js';

/** The application's one database connection; migrations run when it opens. */
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...buildDataSourceOptions(config), autoLoadEntities: false }),
          // SQLite: one transaction at a time on the process's connection, locks awaited asynchronously.
          dataSourceFactory: async (options) => createDataSource(options!, config.DATABASE_LOCK_TIMEOUT_MS),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
