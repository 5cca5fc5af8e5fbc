/**
 * One monthly report (月报) in a process of its own, so that its peak memory is the report's:
 * generateMonthlyReport as the worker calls it (collect the figures, render HTML, XLSX and DOCX,
 * write the files, record the report). Environment: the database's (DUBAN_DATA_DIR,
 * DATABASE_URL, DATABASE_SCHEMA); arguments: month, "now" (ISO). Prints one JSON line.
 */
import { loadConfig } from '#config';
import { buildDataSourceOptions } from '#database';
import { envSettings, SettingsStore } from '#domain';
import { generateMonthlyReport } from '#reports';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';

const [month = '2026-10', nowIso = new Date().toISOString()] = process.argv.slice(2);
const config = loadConfig();
const dataSource = new DataSource({ ...buildDataSourceOptions(config), logging: ['error'] });
await dataSource.initialize();
// The same effective settings as the worker (管理 page, else environment, else default).
const { calendar, reminderRules, issuingOffice } = await new SettingsStore(dataSource, envSettings(config.DUBAN_REMINDER_RULES, config.DUBAN_CALENDAR_OVERRIDES)).current();
const rssBefore = process.memoryUsage().rss;
const started = process.hrtime.bigint();
const { report } = await generateMonthlyReport(dataSource, {
  key: `bench.${month}.${process.pid}`,
  trigger: 'cli',
  month,
  planId: null,
  now: new Date(nowIso),
  calendar,
  warnWorkingDays: config.DUBAN_WARN_WORKING_DAYS,
  reportDueDay: reminderRules.reportDueDay,
  dataDir: config.dataDir,
  // The synthetic province has no 管理 settings: a stand-in office, so the 通报 is written and measured too.
  office: issuingOffice ?? {
    city: '基准市',
    issuer: '基准市质量强市工作领导小组办公室',
    signature: '基准市质量强市工作领导小组办公室',
    numbers: { circular: { pattern: '基质强办〔{年}〕{号}号', start: 1 }, notice: { pattern: '基质强办督〔{年}〕{号}号', start: 1 }, letter: { pattern: '基质强办催〔{年}〕{号}号', start: 1 } },
    cc: '',
    contact: '',
  },
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
await dataSource.destroy();
const size = (path: string) => statSync(resolve(config.dataDir, path)).size;
console.log(
  JSON.stringify({
    seconds,
    rssBeforeMb: rssBefore / 1024 / 1024,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    htmlKb: Buffer.byteLength(report.html) / 1024,
    xlsxKb: size(report.xlsxPath) / 1024,
    docxKb: size(report.docxPath) / 1024,
    summary: report.summary,
  }),
);
