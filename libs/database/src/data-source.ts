// DataSource for the TypeORM CLI, e.g.
//   npx typeorm migration:show -d dist/libs/database/src/data-source.js
import { loadConfig } from '#config';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './options.js';

export default new DataSource({ ...buildDataSourceOptions(loadConfig()), migrationsRun: false });
