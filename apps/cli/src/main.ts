// duban command line: npm run --silent duban -- <command>
import { loadConfig } from '#config';
import { buildDataSourceOptions } from '#database';
import { Assignment, envSettings, FixedClock, ISSUING_OFFICE_MISSING, Item, Plan, SettingsStore, systemClock } from '#domain';
import { ImportError, parseDocumentIsolated, toPlanJson } from '#importer';
import { type ImportResult, PlanImportService } from '#plan-import';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';

const USAGE = `用法:npm run --silent duban -- <命令>

命令:
  parse <文件> [--json]   解析方案文件(.docx/.doc/.wps/.pdf/.ofd/.html/.txt 或任务分工表 .xlsx/.xls/.et/.csv),不写数据库;--json 输出 JSON
  import <文件...>        导入方案文件到数据库
  plans                   列出已导入的方案
  show <方案编号>         显示方案的事项树及牵头、配合单位
  report --month YYYY-MM [--plan 编号]
                          生成月报(网页、Excel 台账、Word 通报),保存到数据目录
  help                    显示本说明`;

/** An error whose message is for the user (Chinese), printed without a stack trace. */
class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

async function readDocument(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`文件不存在:${path}`);
    if (code === 'EISDIR') throw new UserError(`这是一个目录,不是文件:${path}`);
    if (code === 'EACCES') throw new UserError(`没有权限读取文件:${path}`);
    throw new UserError(`无法读取文件 ${path}:${(error as Error).message}`);
  }
}

async function withDatabase<T>(fn: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource({ ...buildDataSourceOptions(loadConfig()), logging: false });
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new UserError(`无法连接数据库:${(error as Error).message}`);
  }
  try {
    return await fn(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function parseCommand(files: string[], json: boolean): Promise<void> {
  if (files.length !== 1) throw new UserError(`parse 需要且只需要一个文件\n\n${USAGE}`, 2);
  const file = files[0]!;
  const plan = await parseDocumentIsolated(await readDocument(file), basename(file));
  if (json) {
    out(JSON.stringify(toPlanJson(plan), null, 2));
    return;
  }
  out(`标题:${plan.title ?? '(未识别)'}`);
  out(`发文单位:${plan.issuer ?? '(未识别)'}  发文字号:${plan.docNumber ?? '(无)'}  日期:${plan.issued ?? '(未识别)'}`);
  out(`章节 ${plan.sections.length} 个,事项 ${plan.items.length} 项,指标 ${plan.indicators.length} 项`);
  for (const warning of plan.warnings) out(`提示:${warning}`);
}

function describe(file: string, result: ImportResult): string[] {
  const plan = result.plan;
  const name = `方案 #${plan.id}「${plan.title}」`;
  switch (result.status) {
    case 'created':
      return [`新建:${file} → ${name}(第 ${plan.version} 版)`];
    case 'unchanged':
      return [`未变化:${file} → ${name}已导入过,未作改动`];
    case 'revised': {
      const { added, removed, changed } = result.diff;
      const lines = [
        `新版本:${file} → ${name}第 ${plan.version} 版,替代 #${result.previous.id};新增 ${added.length} 项,删除 ${removed.length} 项,修改 ${changed.length} 项`,
      ];
      const label = (e: { path: string[]; number: string; title: string }) => [...e.path, `${e.number}${e.title}`].join(' / ');
      for (const e of added) lines.push(`  + ${label(e)}`);
      for (const e of removed) lines.push(`  - ${label(e)}`);
      for (const e of changed) lines.push(`  ~ ${label(e)}(原:${e.previousTitle})`);
      return lines;
    }
  }
}

async function importCommand(files: string[]): Promise<void> {
  if (files.length === 0) throw new UserError(`import 需要至少一个文件\n\n${USAGE}`, 2);
  let failed = 0;
  await withDatabase(async (dataSource) => {
    const service = new PlanImportService(dataSource);
    for (const file of files) {
      try {
        const result = await service.importBuffer(await readDocument(file), basename(file));
        for (const line of describe(file, result)) out(line);
      } catch (error) {
        failed++;
        process.stderr.write(`${errorMessage(error, file)}\n`);
      }
    }
  });
  if (failed > 0) throw new UserError(`${failed} 个文件导入失败`);
}

async function plansCommand(): Promise<void> {
  await withDatabase(async (dataSource) => {
    const plans = await dataSource.getRepository(Plan).find({ order: { id: 'ASC' } });
    if (plans.length === 0) {
      out('还没有导入任何方案');
      return;
    }
    const counts: { planId: number; n: string | number }[] = await dataSource
      .getRepository(Item)
      .createQueryBuilder('item')
      .select('item.planId', 'planId')
      .addSelect('COUNT(*)', 'n')
      .where("item.kind <> 'section'")
      .groupBy('item.planId')
      .getRawMany();
    out('编号\t版本\t状态\t事项数\t标题');
    for (const plan of plans) {
      const n = Number(counts.find((c) => Number(c.planId) === plan.id)?.n ?? 0);
      out(`${plan.id}\t${plan.version}\t${plan.current ? '现行' : `已被 #${plan.supersededById} 替代`}\t${n}\t${plan.title}`);
    }
  });
}

async function showCommand(ids: string[]): Promise<void> {
  if (ids.length !== 1 || !/^\d{1,9}$/.test(ids[0]!) || Number(ids[0]) < 1) throw new UserError(`show 需要一个方案编号(正整数)\n\n${USAGE}`, 2);
  const id = Number(ids[0]);
  await withDatabase(async (dataSource) => {
    const plan = await dataSource.getRepository(Plan).findOneBy({ id });
    if (!plan) throw new UserError(`方案不存在:${id}`);
    const items = await dataSource.getRepository(Item).find({ where: { planId: id }, order: { order: 'ASC' } });
    const assignments = await dataSource
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.department', 'department')
      .innerJoin('a.item', 'item')
      .where('item.planId = :id', { id })
      .orderBy('a.id', 'ASC')
      .getMany();
    out(`方案 #${plan.id}「${plan.title}」第 ${plan.version} 版${plan.current ? '' : `(已被 #${plan.supersededById} 替代)`}`);
    if (plan.issuer || plan.issued || plan.docNumber) out([plan.issuer, plan.docNumber, plan.issued].filter(Boolean).join('  '));
    const depth = new Map<number, number>();
    for (const item of items) {
      const d = item.parentId !== null ? (depth.get(item.parentId) ?? 0) + 1 : 0;
      depth.set(item.id, d);
      const mine = assignments.filter((a) => a.itemId === item.id);
      const lead = mine.filter((a) => a.role === 'lead').map((a) => a.department.name);
      const co = mine.filter((a) => a.role === 'co').map((a) => a.department.name);
      const notes = [
        lead.length ? `牵头:${lead.join('、')}` : '',
        co.length ? `配合:${co.join('、')}` : '',
        item.dueText ? `时限:${item.dueText}` : '',
        item.kind !== 'section' && item.status !== '未启动' ? `状态:${item.status}` : '',
      ].filter(Boolean);
      out(`${'  '.repeat(d)}${item.number}${item.title}${notes.length ? `  [${notes.join(';')}]` : ''}`);
    }
  });
}

/** Generates a monthly report right here (no queue needed) and prints where its files are. */
async function reportCommand(month: string | undefined, plan: string | undefined): Promise<void> {
  if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UserError(`report 需要 --month YYYY-MM,例如 --month 2026-10\n\n${USAGE}`, 2);
  if (plan !== undefined && (!/^\d{1,9}$/.test(plan) || Number(plan) < 1)) throw new UserError('--plan 需要一个方案编号(正整数)', 2);
  const config = loadConfig();
  const clock = config.DUBAN_CLOCK ? new FixedClock(new Date(config.DUBAN_CLOCK)) : systemClock;
  // Loaded here: exceljs and docx are heavy, and only this command needs them.
  const { generateMonthlyReport } = await import('#reports');
  await withDatabase(async (dataSource) => {
    if (plan !== undefined && !(await dataSource.getRepository(Plan).existsBy({ id: Number(plan) }))) throw new UserError(`方案不存在:${plan}`);
    const now = clock.now();
    // The same effective settings as API and worker (管理 page, else environment, else default).
    const { calendar, reminderRules, issuingOffice } = await new SettingsStore(dataSource, envSettings(config.DUBAN_REMINDER_RULES, config.DUBAN_CALENDAR_OVERRIDES)).current();
    const { report } = await generateMonthlyReport(dataSource, {
      key: `cli.${now.getTime()}.${process.pid}`,
      trigger: 'cli',
      month,
      planId: plan ? Number(plan) : null,
      now,
      calendar,
      warnWorkingDays: config.DUBAN_WARN_WORKING_DAYS,
      reportDueDay: reminderRules.reportDueDay,
      dataDir: config.dataDir,
      office: issuingOffice,
    });
    const s = report.summary as { items: number; overdue: number; missingReports: number };
    out(`已生成月报 #${report.id}:${report.title}`);
    out(`纳入督办事项 ${s.items} 项,逾期 ${s.overdue} 项,本月未报送进展 ${s.missingReports} 项`);
    out(`Excel 台账:${resolve(config.dataDir, report.xlsxPath)}`);
    out(report.docxPath ? `Word 通报:${resolve(config.dataDir, report.docxPath)}` : `未生成 Word 通报。${ISSUING_OFFICE_MISSING}`);
  });
}

function errorMessage(error: unknown, file?: string): string {
  if (error instanceof ImportError) return `无法导入${file ? ` ${file}` : ''}:${error.message}`;
  if (error instanceof UserError) return error.message;
  return `出错了:${error instanceof Error ? error.message : String(error)}`;
}

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' }, month: { type: 'string' }, plan: { type: 'string' } } });
  } catch (error) {
    throw new UserError(`参数有误:${(error as Error).message}\n\n${USAGE}`, 2);
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || command === 'help' || command === undefined) {
    out(USAGE);
    if (command === undefined && !parsed.values.help) process.exitCode = 2;
    return;
  }
  if (parsed.values.json && command !== 'parse') throw new UserError('--json 只能用于 parse 命令', 2);
  switch (command) {
    case 'parse':
      return parseCommand(rest, parsed.values.json ?? false);
    case 'import':
      return importCommand(rest);
    case 'plans':
      return plansCommand();
    case 'show':
      return showCommand(rest);
    case 'report':
      return reportCommand(parsed.values.month, parsed.values.plan);
    default:
      throw new UserError(`未知命令:${command}\n\n${USAGE}`, 2);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${errorMessage(error)}\n`);
  process.exitCode = error instanceof UserError ? error.exitCode : 1;
});
