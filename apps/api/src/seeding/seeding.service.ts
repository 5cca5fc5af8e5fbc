import { Plan } from '#domain';
import { type ImportResult, PlanImportService } from '#plan-import';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

/** Imports seeds/*.txt into a database that holds no plan yet. */
@Injectable()
export class SeedingService {
  private readonly logger = new Logger(SeedingService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async seedIfEmpty(seedsDir: string): Promise<ImportResult[]> {
    if ((await this.dataSource.getRepository(Plan).count()) > 0) return [];
    let files: string[];
    try {
      files = (await readdir(seedsDir)).filter((f) => f.endsWith('.txt')).sort();
    } catch {
      this.logger.warn(`找不到示例方案目录:${seedsDir}`);
      return [];
    }
    const service = new PlanImportService(this.dataSource);
    const results: ImportResult[] = [];
    for (const file of files) {
      const result = await service.importFile(join(seedsDir, file));
      this.logger.log(`已导入示例方案 ${file}:${result.plan.title}`);
      results.push(result);
    }
    return results;
  }
}
