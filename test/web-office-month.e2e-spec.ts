// Issue 14, done when: a month of a 质量强市办's work in real Chromium, as the coordinator, a lead and a
// co department and a 领导: assign on 督办总览; the co department reports, withdraws and corrects; the lead
// reports, is sent back on 报送审阅 and corrects; completes with a 办结情况 and evidence; the office closes
// with a 销号意见, undoes it and closes again; past the deadline of a second item the lead can no longer
// ask for an extension and submits a 逾期说明 instead, approved like one; the 领导 reads 督办总览, 报送审阅
// and the item without a single write button; the item's history reads as Chinese sentences with names.
// axe-core on every page shot; screenshots in test-output/screenshots/month-*.png.
import { CLOCK, Department, ExtensionRequest, FixedClock, Item, ItemEvidence, ProgressReportVersion, shanghaiInstant } from '#domain';
import { PlanImportService } from '#plan-import';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { accessibilityViolations, launchBrowser, SCREENSHOTS } from './helpers/browser.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { SEEDS_DIR } from './helpers/gold.js';

const PASSWORD = 'month-pass-word-1';

describe('a month in the office, in the browser', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let dataSource: DataSource;
  let clock: FixedClock;
  let browser: Browser;
  const pages: Record<string, Page> = {};
  const pageErrors: string[] = [];
  let itemA: Item;
  let itemB: Item;
  let lead: Department;
  let co: Department;

  const shot = async (p: Page, name: string) => {
    await p.screenshot({ path: join(SCREENSHOTS, `month-${name}.png`), fullPage: true });
    expect({ page: name, violations: await accessibilityViolations(p) }).toEqual({ page: name, violations: [] });
  };
  const open = async (who: string, hash: string) => {
    const p = pages[who]!;
    await p.goto(`${api.baseUrl}/${hash}`);
    return p;
  };
  const dialogOf = (p: Page) => p.getByRole('dialog');
  /** The latest toast with this text (an earlier one may still be showing). */
  const toastSays = (p: Page, text: string) => p.locator('#toast .toast', { hasText: text }).last().waitFor();

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2030-10-08T10:00:00+08:00', DUBAN_SESSION_HOURS: '100000' });
    api = await startApp(db);
    dataSource = api.app.get(DataSource);
    clock = api.app.get(CLOCK);
    const { plan } = await new PlanImportService(dataSource).importFile(join(SEEDS_DIR, '004_60e92da960188409.txt'));
    const tasks = await dataSource.getRepository(Item).find({ where: { planId: plan.id, kind: 'task' }, order: { order: 'ASC' } });
    [itemA, itemB] = [tasks[0]!, tasks[1]!];
    const made: Record<string, Department> = {};
    for (const name of ['市质量强市办', '市市场监管局', '市发改委']) {
      const created = await api.request('POST', '/api/departments', { body: { name, contactEmails: [] } });
      made[name] = created.body;
    }
    lead = made['市市场监管局']!;
    co = made['市发改委']!;
    const users = [
      { username: 'duban', displayName: '督办员', role: 'coordinator', departmentId: made['市质量强市办']!.id },
      { username: 'qiantou', displayName: '牵头填报员', role: 'editor', departmentId: lead.id },
      { username: 'peihe', displayName: '配合填报员', role: 'editor', departmentId: co.id },
      { username: 'lingdao', displayName: '王局长', role: 'leader' },
    ];
    for (const u of users) expect((await api.request('POST', '/api/users', { body: { ...u, password: PASSWORD } })).status).toBe(201);
    browser = await launchBrowser();
    for (const u of users) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
      const p = await context.newPage();
      p.on('pageerror', (e) => pageErrors.push(e.message));
      await p.goto(api.baseUrl + '/');
      const dialog = p.getByRole('dialog', { name: '登录' });
      await dialog.getByLabel('用户名').fill(u.username);
      await dialog.getByLabel('密码').fill(PASSWORD);
      await dialog.getByRole('button', { name: '登录' }).click();
      await dialog.waitFor({ state: 'detached' });
      pages[u.username] = p;
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.cleanup();
  });

  it('the office assigns two items on 督办总览: lead, co department and deadline', async () => {
    const p = await open('duban', '#/overview');
    const table = p.getByRole('table', { name: '事项总览' });
    await table.locator('tbody tr').first().waitFor();
    for (const item of [itemA, itemB]) await table.getByLabel(`选择 ${item.number} ${item.title}`, { exact: true }).first().check();
    await p.getByLabel('新的牵头单位').selectOption({ label: lead.name });
    await p.getByLabel('新的配合单位').selectOption([{ label: co.name }]);
    await p.getByLabel('新的期限').fill('2030-10-31');
    await p.getByRole('button', { name: '应用到所选事项' }).click();
    await toastSays(p, '已更新 2 个事项');
    await shot(p, 'overview');
  });

  it('the co department reports, withdraws before it is read and corrects; the lead sees it arrive', async () => {
    const p = await open('peihe', `#/items/${itemA.id}`);
    await p.getByLabel('进展情况(配合单位分工进展)').fill('发改委:已将项目列入年度计划。');
    await p.getByRole('button', { name: '报送', exact: true }).click();
    await toastSays(p, '进展已报送');
    const mine = p.locator('article.report', { hasText: co.name });
    await mine.getByRole('button', { name: '撤回修改' }).click();
    await dialogOf(p).getByRole('button', { name: '撤回修改' }).click();
    await toastSays(p, '已撤回,可修改后重新报送');
    await p.getByLabel('进展情况(配合单位分工进展)').fill('发改委:已将3个项目列入年度计划,资金已下达。');
    await p.getByRole('button', { name: '报送', exact: true }).click();
    // The first submission's toast may still show: wait for the corrected report itself, submitted again.
    await p.locator('article.report', { hasText: '资金已下达' }).getByText('已报送').waitFor();
    const lp = await open('qiantou', `#/items/${itemA.id}`);
    await lp.locator('article.report', { hasText: co.name }).getByText('发改委:已将3个项目列入年度计划,资金已下达。').waitFor();
  });

  it('the lead starts and reports; the office sends it back on 报送审阅; the lead corrects', async () => {
    const p = pages.qiantou!;
    await p.getByRole('button', { name: '启动' }).click();
    await p.locator('#item-status', { hasText: '推进中' }).waitFor();
    await p.getByLabel('进展情况(牵头单位汇总)').fill('已完成质量品牌建设方案初稿。');
    await p.getByLabel('完成进度(%)').fill('60');
    await p.getByRole('button', { name: '报送', exact: true }).click();
    await toastSays(p, '进展已报送');

    const o = await open('duban', '#/review?unread=true');
    const card = o.getByRole('article', { name: `${lead.name} 2030年10月进展` });
    await card.getByText('已完成质量品牌建设方案初稿。').waitFor();
    await shot(o, 'review');
    await card.getByRole('button', { name: `退回补充 ${lead.name} 2030年10月进展` }).click();
    await dialogOf(o).getByLabel('退回理由').fill('请补充方案印发时间和配套资金');
    await dialogOf(o).getByRole('button', { name: '退回补充' }).click();
    await toastSays(o, '已退回补充');
    await open('duban', '#/review');
    await card.locator('.tag', { hasText: '已退回补充' }).waitFor();

    await p.reload();
    await p.getByText('质量强市办退回补充:请补充方案印发时间和配套资金').first().waitFor();
    await p.getByLabel('进展情况(牵头单位汇总)').fill('方案已于10月20日印发,配套资金200万元已落实。');
    await p.getByRole('button', { name: '报送', exact: true }).click();
    await toastSays(p, '进展已报送');
    const versions = await dataSource.getRepository(ProgressReportVersion).find({ order: { id: 'ASC' } });
    expect(versions.map((v) => [v.text, v.endedBy])).toEqual([
      ['发改委:已将项目列入年度计划。', 'withdrawn'],
      ['发改委:已将3个项目列入年度计划,资金已下达。', null],
      ['已完成质量品牌建设方案初稿。', 'returned'],
      ['方案已于10月20日印发,配套资金200万元已落实。', null],
    ]);
  });

  it('the lead completes with 办结情况 and evidence; the office closes with 意见, undoes it, closes again', async () => {
    const p = pages.qiantou!;
    await p.getByRole('button', { name: '报完成' }).click();
    await dialogOf(p).getByLabel('办结情况').fill('方案已印发实施,配套资金到位。');
    await dialogOf(p).getByLabel('佐证材料(可多选,可不传)').setInputFiles({ name: '印发通知.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 印发通知') });
    await dialogOf(p).getByRole('button', { name: '报完成' }).click();
    await p.locator('#item-status', { hasText: '已完成(待审核)' }).waitFor();
    await p.getByRole('link', { name: '📎 印发通知.pdf' }).first().waitFor();
    expect((await dataSource.getRepository(ItemEvidence).findBy({ itemId: itemA.id })).map((e) => e.fileName)).toEqual(['印发通知.pdf']);

    const o = await open('duban', `#/items/${itemA.id}`);
    await o.getByRole('button', { name: '销号', exact: true }).click();
    const confirm = dialogOf(o);
    await confirm.getByText('方案已印发实施,配套资金到位。').waitFor();
    await confirm.getByRole('link', { name: '📎 印发通知.pdf' }).waitFor();
    // Not without a 销号意见.
    await confirm.getByRole('button', { name: '确认销号' }).click();
    await confirm.locator('label.field.invalid', { hasText: '销号意见' }).waitFor();
    await confirm.locator('textarea[name=reason]').fill('材料齐全,同意销号');
    await shot(o, 'close-dialog');
    await confirm.getByRole('button', { name: '确认销号' }).click();
    await o.locator('#item-status', { hasText: '已销号' }).waitFor();
    await o.getByRole('button', { name: '撤销销号' }).click();
    await dialogOf(o).getByLabel('撤销理由').fill('误销号:验收意见尚未上传');
    await dialogOf(o).getByRole('button', { name: '确认撤销销号' }).click();
    await o.locator('#item-status', { hasText: '已完成(待审核)' }).waitFor();
    await o.getByRole('button', { name: '销号', exact: true }).click();
    await dialogOf(o).getByLabel('销号意见').fill('验收意见已补充,同意销号');
    await dialogOf(o).getByRole('button', { name: '确认销号' }).click();
    await o.locator('#item-status', { hasText: '已销号' }).waitFor();
  });

  it('past the deadline: no extension any more, a 逾期说明 instead, approved like one', async () => {
    clock.set(shanghaiInstant('2030-11-04', 10));
    const p = await open('qiantou', `#/items/${itemB.id}`);
    await p.getByText('期限已过,不能再申请延期').waitFor();
    await expect(p.getByRole('button', { name: '提交延期申请' }).count()).resolves.toBe(0);
    const form = p.locator('details', { hasText: '提交逾期说明' });
    await form.getByLabel('提出的新完成时限(原期限 2030-10-31)').fill('2030-11-30');
    await form.getByLabel('逾期原因').fill('设备到货推迟,预计11月底完成');
    await form.getByRole('button', { name: '提交逾期说明' }).click();
    await toastSays(p, '逾期说明已提交');
    await shot(p, 'overdue-explanation');

    const o = await open('duban', `#/items/${itemB.id}`);
    await o.getByRole('cell', { name: '逾期说明', exact: true }).waitFor();
    await o.getByRole('button', { name: '批准' }).click();
    await dialogOf(o).getByRole('button', { name: '批准' }).click();
    await toastSays(o, '已批准延期');
    await expect(dataSource.getRepository(ExtensionRequest).findOneByOrFail({ itemId: itemB.id })).resolves.toMatchObject({ kind: 'overdue', state: 'approved' });
    await expect(dataSource.getRepository(Item).findOneByOrFail({ id: itemB.id })).resolves.toMatchObject({ deadline: '2030-11-30' });
  });

  it('the 领导 reads 督办总览, 报送审阅 and the item, and sees no write button', async () => {
    const p = await open('lingdao', '#/');
    await p.getByRole('heading', { name: '督办总览' }).waitFor();
    const navVisible = async (key: string) => p.locator(`#nav a[data-nav=${key}]`).isVisible();
    expect([await navVisible('overview'), await navVisible('review'), await navVisible('import'), await navVisible('admin')]).toEqual([true, true, false, false]);
    await p.getByRole('table', { name: '单位排名' }).waitFor();
    // Write buttons name what they act on ("销号 1 …", "一键催办 市…"); column headers that sort ("销号") are not.
    const writeButtons = /^(催办 |一键催办|销号 |退回 |应用到所选事项|批准$|驳回$)/;
    const names = await p.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent ?? ''));
    expect(names.filter((n) => writeButtons.test(n.trim()))).toEqual([]);
    await shot(p, 'leader-overview');

    await open('lingdao', '#/review');
    await p.getByRole('article', { name: `${lead.name} 2030年10月进展` }).waitFor();
    await expect(p.getByRole('button', { name: /^(标为已读|评论|退回补充)/ }).count()).resolves.toBe(0);

    await open('lingdao', `#/items/${itemA.id}`);
    await p.getByRole('heading', { name: /操作日志/ }).waitFor();
    await expect(p.locator('.status-actions').count()).resolves.toBe(0);
    await expect(p.getByRole('button', { name: /^(启动|报完成|销号|撤销销号|催办|报送|保存草稿|上传)/ }).count()).resolves.toBe(0);
    await shot(p, 'leader-item');
  });

  it('计划导入 proposes a near-matching department as the existing one, not a new one', async () => {
    const housing = (await api.request('POST', '/api/departments', { body: { name: '市住房和城乡建设局', contactEmails: [] } })).body;
    const plan = ['某市2030年质量强市工作要点', '', '一、重点任务', '1.推进住宅工程质量提升。(市住房城乡建设局牵头,市发改委配合)', '2.开展学校食堂质量提升行动。(市教育局负责)', ''].join('\n');
    const p = await open('duban', '#/import');
    await p.locator('input[type=file]').setInputFiles({ name: '工作要点.txt', mimeType: 'text/plain', buffer: Buffer.from(plan) });
    await p.getByRole('button', { name: '解析预览' }).click();
    const near = p.getByLabel('“市住房城乡建设局”对应的单位');
    await near.waitFor();
    await expect(near.inputValue()).resolves.toBe(String(housing.id));
    await expect(p.getByLabel('“市教育局”对应的单位').inputValue()).resolves.toBe('');
    await shot(p, 'import-near-match');
  });

  it('the history of the month reads as Chinese sentences with names', async () => {
    const p = pages.lingdao!;
    const rows = await p.locator('table.audit tbody tr td:last-child').allTextContents();
    for (const sentence of [
      '督办员(市质量强市办)分配牵头单位:市市场监管局;配合单位:市发改委;期限:2030年10月31日',
      '配合填报员(市发改委)报送了2030年10月进展',
      '配合填报员(市发改委)撤回了2030年10月进展以便修改',
      '配合填报员(市发改委)报送了2030年10月进展(第2次报送)',
      '牵头填报员(市市场监管局)启动了事项',
      '督办员(市质量强市办)将2030年10月进展退回补充,理由:请补充方案印发时间和配套资金',
      '牵头填报员(市市场监管局)报完成,办结情况:方案已印发实施,配套资金到位。',
      '牵头填报员(市市场监管局)上传了佐证材料《印发通知.pdf》',
      '督办员(市质量强市办)销号,销号意见:材料齐全,同意销号',
      '督办员(市质量强市办)撤销销号,理由:误销号:验收意见尚未上传',
    ]) {
      expect(rows).toContain(sentence);
    }
    // Never a code or an id: no JSON, no field names.
    for (const row of rows) expect(row).not.toMatch(/[{}"]|Id\b|statusReason|departmentId/);
    expect(pageErrors).toEqual([]);
  });
});
