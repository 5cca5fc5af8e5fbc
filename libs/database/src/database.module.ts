import type { AppConfig } from '#config';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions } from './options.js';

/** The application's one database connection; migrations run when it opens. */
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [TypeOrmModule.forRoot({ ...buildDataSourceOptions(config), autoLoadEntities: false })],
      exports: [TypeOrmModule],
    };
  }
}
