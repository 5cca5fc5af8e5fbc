// npm run migrate [-- show|revert]: run pending migrations (default), list them, or undo the last one.
import { loadConfig } from '#config';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './options.js';

async function main(command: string): Promise<void> {
  const dataSource = new DataSource({ ...buildDataSourceOptions(loadConfig()), migrationsRun: false });
  await dataSource.initialize();
  try {
    if (command === 'migrate') {
      const done = await dataSource.runMigrations({ transaction: 'each' });
      console.log(done.length === 0 ? '数据库已是最新结构' : `已执行迁移:${done.map((m) => m.name).join(', ')}`);
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('已撤销最近一次迁移');
    } else if (command === 'show') {
      const pending = await dataSource.showMigrations();
      console.log(pending ? '有待执行的迁移' : '没有待执行的迁移');
    } else {
      throw new Error(`未知命令:${command}(可用:migrate、show、revert)`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2] ?? 'migrate').catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
