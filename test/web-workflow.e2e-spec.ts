// The department and coordinating-office workflow in real headless Chromium: an editor reports
// progress with an attachment and requests an extension on 任务详情 (after a sign-in that expires
// mid-typing without losing the text); a coordinator sees the request on 督办总览, approves it,
// urges another department and closes (销号) an item. Screenshots of every main page.
import { Assignment, Department, ExtensionRequest, Indicator, Item, Notification, ProgressReport, ReportAttachment, Urge } from '#domain';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { SeedingService } from '../apps/api/src/seeding/seeding.service.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { accessibilityViolations, launchBrowser, SCREENSHOTS } from './helpers/browser.js';
import { createTestDatabase, TEST_ADMIN_PASSWORD, type TestDatabase } from './helpers/database.js';
import { SEEDS_DIR } from './helpers/gold.js';

const PASSWORD = 'web-pass-word-1';

describe('web interface: department and coordinating office', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let dataSource: DataSource;
  let browser: Browser;
  let editorContext: BrowserContext;
  let editor: Page;
  let coordinatorContext: BrowserContext;
  let coordinator: Page;
  const pageErrors: string[] = [];
  let lead: Department;
  let other: Department;
  let reportItem: Item;
  let closeItem: Item;
  let urgeItem: Item;

  /** What a user sees first, and the whole page; and no serious or critical accessibility problem on it (axe-core). */
  const shot = async (p: Page, name: string) => {
    await p.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    await p.screenshot({ path: join(SCREENSHOTS, `${name}-full.png`), fullPage: true });
    expect({ page: name, violations: await accessibilityViolations(p) }).toEqual({ page: name, violations: [] });
  };

  async function signIn(p: Page, username: string) {
    const dialog = p.getByRole('dialog', { name: '登录' });
    await dialog.waitFor();
    await dialog.getByLabel('用户名').fill(username);
    await dialog.getByLabel('密码').fill(PASSWORD);
    await dialog.getByRole('button', { name: '登录' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Two tasks led by one department, and a task led by another. */
  async function pickItems() {
    const leads = await dataSource.getRepository(Assignment).find({ where: { role: 'lead' }, relations: { item: true, department: true }, order: { id: 'ASC' } });
    const tasks = leads.filter((a) => a.item.kind === 'task');
    const byDept = new Map<number, Assignment[]>();
    for (const a of tasks) byDept.set(a.departmentId, [...(byDept.get(a.departmentId) ?? []), a]);
    const [deptId, mine] = [...byDept.entries()].find(([, list]) => list.length >= 2)!;
    const theirs = tasks.find((a) => a.departmentId !== deptId && !mine.some((m) => m.itemId === a.itemId))!;
    return { lead: mine[0]!.department, other: theirs.department, reportItem: mine[0]!.item, closeItem: mine[1]!.item, urgeItem: theirs.item };
  }

  beforeAll(async () => {
    // The server's clock is fixed and the pages take "today" from it. It lies ahead of the real
    // date because the browser drops a session cookie whose expiry (clock + session hours) has passed.
    db = await createTestDatabase({ DUBAN_CLOCK: '2030-03-11T10:00:00+08:00' });
    api = await startApp(db);
    dataSource = api.app.get(DataSource);
    await api.app.get(SeedingService).seedIfEmpty(SEEDS_DIR);
    ({ lead, other, reportItem, closeItem, urgeItem } = await pickItems());
    for (const item of [reportItem, closeItem, urgeItem]) {
      const current = (await api.get(`/api/items/${item.id}`)).body;
      const set = await api.request('PUT', `/api/items/${item.id}/deadline`, { body: { deadline: '2030-06-30', version: current.version } });
      expect(set.status).toBe(200);
    }
    const users = [
      { username: 'bumen', displayName: '部门填报员', role: 'editor', departmentId: lead.id },
      { username: 'duban', displayName: '督办员', role: 'coordinator' },
      { username: 'chakan', displayName: '查看员', role: 'viewer' },
    ];
    for (const u of users) expect((await api.request('POST', '/api/users', { body: { ...u, password: PASSWORD } })).status).toBe(201);

    browser = await launchBrowser();
    editorContext = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    coordinatorContext = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    editor = await editorContext.newPage();
    coordinator = await coordinatorContext.newPage();
    for (const p of [editor, coordinator]) {
      p.on('pageerror', (e) => pageErrors.push(e.message));
      p.on('dialog', (d) => void d.accept());
    }
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.cleanup();
  });

  it('opens 工作台 for a department editor with its items, lights and what is due', async () => {
    await editor.goto(api.baseUrl + '/');
    await signIn(editor, 'bumen');
    await editor.getByRole('heading', { name: `工作台 · ${lead.name}` }).waitFor();
    const leadTable = editor.getByRole('table', { name: `${lead.name}牵头事项` });
    await leadTable.getByRole('link', { name: reportItem.title }).waitFor();
    await expect(leadTable.getByRole('link', { name: closeItem.title }).count()).resolves.toBe(1);
    // Deadline 2030-06-30 seen from 2030-03-11: 111 days left.
    await expect(leadTable.locator('tr', { hasText: reportItem.title }).textContent()).resolves.toContain('剩 111 天');
    // Nothing reported yet for 2030-03: every led item is due this month.
    await editor.getByRole('heading', { name: /^本月应报送.2030-03/ }).waitFor();
    await expect(editor.locator('.due-list li', { hasText: reportItem.title }).count()).resolves.toBe(1);
    // The editor does not see the coordinating office's pages.
    await expect(editor.locator('#nav a[data-nav=overview]').isVisible()).resolves.toBe(false);
    await shot(editor, 'workbench');
  });

  it('keeps the typed report through an expired session, then submits it with an attachment', async () => {
    await editor.goto(`${api.baseUrl}/#/items/${reportItem.id}`);
    await editor.getByRole('heading', { name: '进展报送' }).waitFor();
    const text = '已完成全市工程质量专项检查<b>首批</b>,正在整改。';
    await editor.getByLabel('进展情况(牵头单位汇总)').fill(text);
    await editor.getByLabel('完成进度(%)').fill('150');
    // The server refuses 150%: the message appears next to the field, the text stays.
    await editor.getByRole('button', { name: '保存草稿' }).click();
    await editor.locator('label.field.invalid', { hasText: '完成进度' }).getByText('完成进度必须是 0 到 100 之间的整数').waitFor();
    await expect(editor.getByLabel('进展情况(牵头单位汇总)').inputValue()).resolves.toBe(text);
    await editor.getByLabel('完成进度(%)').fill('40');

    // The session ends while the page is open: the save asks to sign in again and then goes on.
    await editorContext.clearCookies();
    await editor.getByRole('button', { name: '保存草稿' }).click();
    await signIn(editor, 'bumen');
    await editor.locator('#toast').getByText('草稿已保存').waitFor();
    const draft = await dataSource.getRepository(ProgressReport).findOneByOrFail({ itemId: reportItem.id, departmentId: lead.id });
    expect(draft).toMatchObject({ state: 'draft', text, percent: 40, period: '2030-03' });

    // A reload keeps nothing unsaved to lose; the draft comes back from the server.
    await editor.reload();
    await expect(editor.getByLabel('进展情况(牵头单位汇总)').inputValue()).resolves.toBe(text);
    await editor.getByLabel('附件(可多选)').setInputFiles({ name: '检查通报.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% 检查通报\n%%EOF\n') });
    await editor.getByRole('button', { name: '报送', exact: true }).click();
    await editor.locator('#toast').getByText('进展已报送').waitFor();
    const article = editor.locator('article.report', { hasText: lead.name });
    await article.getByText('已报送').waitFor();
    // Typed markup is shown as text.
    await expect(article.locator('.report-text').textContent()).resolves.toBe(text);
    await article.getByRole('link', { name: /检查通报\.pdf/ }).waitFor();
    const report = await dataSource.getRepository(ProgressReport).findOneByOrFail({ itemId: reportItem.id, departmentId: lead.id });
    expect(report.state).toBe('submitted');
    const files = await dataSource.getRepository(ReportAttachment).findBy({ reportId: report.id });
    expect(files.map((f) => f.fileName)).toEqual(['检查通报.pdf']);
    expect(await editor.evaluate("Object.keys(sessionStorage).filter((k) => k.startsWith('duban:draft:report'))")).toEqual([]);
  });

  it('requests an extension, with errors in Chinese next to the fields', async () => {
    const form = editor.locator('details', { hasText: '申请延期' });
    await form.getByRole('button', { name: '提交延期申请' }).click();
    await form.locator('label.field.invalid', { hasText: '延期理由' }).getByText('此项必填').waitFor();
    await form.getByLabel('延期理由').fill('省级检查推迟,需顺延一个月');
    await form.getByLabel(/新期限/).fill('2030-05-31');
    await form.getByRole('button', { name: '提交延期申请' }).click();
    // Not later than the current deadline: the server's message lands next to the date.
    await form.locator('label.field.invalid', { hasText: '新期限' }).getByText('申请的新期限必须晚于当前期限 2030-06-30').waitFor();
    await form.getByLabel(/新期限/).fill('2030-07-31');
    await form.getByRole('button', { name: '提交延期申请' }).click();
    await editor.locator('#toast').getByText('延期申请已提交').waitFor();
    await editor.getByRole('cell', { name: '待审批' }).waitFor();
    await expect(dataSource.getRepository(ExtensionRequest).findOneByOrFail({ itemId: reportItem.id })).resolves.toMatchObject({ state: 'pending', requestedDeadline: '2030-07-31' });
    await shot(editor, 'item-editor');
  });

  it('reports another item as completed (启动, 报完成)', async () => {
    await editor.goto(`${api.baseUrl}/#/items/${closeItem.id}`);
    await editor.getByRole('button', { name: '启动' }).click();
    await editor.locator('#item-status', { hasText: '推进中' }).waitFor();
    await editor.getByRole('button', { name: '报完成' }).click();
    // 报完成 asks for the 办结情况 (and allows evidence) in a dialog that is its confirmation.
    const dialog = editor.getByRole('dialog');
    await dialog.getByLabel('办结情况').fill('已建成并投入使用,验收报告见佐证材料。');
    await dialog.getByLabel('佐证材料(可多选,可不传)').setInputFiles({ name: '验收报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 验收') });
    await dialog.getByRole('button', { name: '报完成' }).click();
    await editor.locator('#item-status', { hasText: '已完成(待审核)' }).waitFor();
    await editor.locator('#item-completion', { hasText: '已建成并投入使用' }).waitFor();
    await editor.getByRole('link', { name: '📎 验收报告.pdf' }).waitFor();
    await expect(dataSource.getRepository(Item).findOneByOrFail({ id: closeItem.id })).resolves.toMatchObject({ status: '已完成(待审核)' });
  });

  it('fits 工作台 on a phone', async () => {
    const phone = await editorContext.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    phone.on('pageerror', (e) => pageErrors.push(e.message));
    await phone.goto(api.baseUrl + '/#/workbench');
    await phone.getByRole('heading', { name: `工作台 · ${lead.name}` }).waitFor();
    expect(await phone.locator('#nav').isVisible()).toBe(false);
    const overflow = await phone.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone, 'phone-workbench');
    // 任务详情 with its report form also fits.
    await phone.goto(`${api.baseUrl}/#/items/${reportItem.id}`);
    await phone.getByRole('heading', { name: '进展报送' }).waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    await shot(phone, 'phone-item');
    await phone.close();
  });

  it('shows the coordinator 督办总览; approves the extension', async () => {
    await coordinator.goto(api.baseUrl + '/');
    await signIn(coordinator, 'duban');
    await coordinator.getByRole('heading', { name: '督办总览' }).waitFor();
    const requests = coordinator.getByRole('table', { name: '待审批延期申请' });
    const row = requests.locator('tr', { hasText: reportItem.title });
    await expect(row.textContent()).resolves.toContain('2030-07-31');
    await expect(row.textContent()).resolves.toContain(lead.name);
    await coordinator.locator('figure.chart', { hasText: '各方案事项状态' }).waitFor();
    await shot(coordinator, 'overview');
    // By keyboard: the dialog takes the focus, keeps Tab inside, closes on Escape and gives the focus back.
    const approve = row.getByRole('button', { name: '批准' });
    await approve.focus();
    await coordinator.keyboard.press('Enter');
    const dialog = coordinator.getByRole('dialog', { name: '批准延期申请' });
    await dialog.waitFor();
    const inDialog = () => coordinator.evaluate<boolean>("document.activeElement?.closest('dialog') !== null");
    await expect(inDialog()).resolves.toBe(true);
    await expect(dialog.getByLabel('意见(可不填)').evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)).resolves.toBe(true);
    for (let i = 0; i < 6; i++) {
      await coordinator.keyboard.press('Tab');
      await expect(inDialog()).resolves.toBe(true);
    }
    await coordinator.keyboard.press('Shift+Tab');
    await expect(inDialog()).resolves.toBe(true);
    await shot(coordinator, 'dialog-approve');
    await coordinator.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect(approve.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)).resolves.toBe(true);
    await expect(dataSource.getRepository(ExtensionRequest).findOneByOrFail({ itemId: reportItem.id })).resolves.toMatchObject({ state: 'pending' });
    await approve.click();
    await dialog.getByLabel('意见(可不填)').fill('同意顺延');
    await dialog.getByRole('button', { name: '批准' }).click();
    await coordinator.locator('#toast').getByText('已批准延期').waitFor();
    await coordinator.getByText('没有待审批的延期申请。').waitFor();
    await expect(dataSource.getRepository(ExtensionRequest).findOneByOrFail({ itemId: reportItem.id })).resolves.toMatchObject({ state: 'approved', decisionReason: '同意顺延' });
    await expect(dataSource.getRepository(Item).findOneByOrFail({ id: reportItem.id })).resolves.toMatchObject({ deadline: '2030-07-31' });
  });

  it('filters by department and urges it with one click', async () => {
    await coordinator.locator('form.filters select[name=department]').selectOption({ label: other.name });
    await coordinator.locator('form.filters').getByRole('button', { name: '筛选' }).click();
    // The page shows as many items as the API selects for the department (led or supported).
    const expected = (await api.get(`/api/dashboard/items?department=${other.id}`)).body.total;
    expect(expected).toBeGreaterThan(0);
    await coordinator.getByText(`共 ${expected} 条:`).waitFor();
    const table = coordinator.getByRole('table', { name: '事项总览' });
    expect(await table.locator('tbody tr').count()).toBe(Math.min(expected, 50));
    await table.getByRole('button', { name: `催办 ${urgeItem.number} ${urgeItem.title}` }).click();
    const dialog = coordinator.getByRole('dialog', { name: /^催办:/ });
    await dialog.getByLabel('催办内容').fill('请于本周五前报送最新进展。');
    await dialog.getByRole('button', { name: '发送催办' }).click();
    await coordinator.locator('#toast').getByText('催办已发出').waitFor();
    const urges = await dataSource.getRepository(Urge).findBy({ itemId: urgeItem.id });
    expect(urges).toHaveLength(1);
    expect(urges[0]).toMatchObject({ leadDepartmentId: other.id, message: '请于本周五前报送最新进展。' });
  });

  it('closes (销号) the completed item', async () => {
    await coordinator.goto(api.baseUrl + '/#/overview');
    const waiting = coordinator.getByRole('table', { name: '待销号事项' });
    await waiting.getByRole('button', { name: `销号 ${closeItem.number} ${closeItem.title}` }).click();
    // The confirmation shows the 办结情况 and the evidence, and asks for the 销号意见.
    const dialog = coordinator.getByRole('dialog');
    await dialog.getByText('已建成并投入使用,验收报告见佐证材料。').waitFor();
    await dialog.getByRole('link', { name: '📎 验收报告.pdf' }).waitFor();
    await dialog.getByLabel('销号意见').fill('材料齐全,同意销号');
    await dialog.getByRole('button', { name: '确认销号' }).click();
    await coordinator.locator('#toast').getByText('已销号').waitFor();
    await expect(dataSource.getRepository(Item).findOneByOrFail({ id: closeItem.id })).resolves.toMatchObject({ status: '已销号' });
  });

  it('assigns two items in bulk on 督办总览: lead, co departments and deadline', async () => {
    await coordinator.goto(api.baseUrl + '/#/overview');
    const table = coordinator.getByRole('table', { name: '事项总览' });
    await table.locator('tbody tr').first().waitFor();
    const used = [reportItem.id, closeItem.id, urgeItem.id];
    const picked = (await api.get('/api/dashboard/items?pageSize=50')).body.items.filter((r: { id: number }) => !used.includes(r.id)).slice(0, 2) as { id: number; number: string; title: string }[];
    const third = (await dataSource.getRepository(Department).find({ order: { id: 'ASC' } })).find((d) => d.id !== lead.id && d.id !== other.id)!;
    await coordinator.getByRole('button', { name: '应用到所选事项' }).click();
    await coordinator.getByRole('alert').getByText('请先勾选事项').waitFor();
    for (const r of picked) await table.getByLabel(`选择 ${r.number} ${r.title}`, { exact: true }).first().check();
    await coordinator.getByText('已选 2 项').waitFor();
    await coordinator.getByLabel('新的牵头单位').selectOption({ label: lead.name });
    await coordinator.getByLabel('新的配合单位').selectOption([{ label: other.name }, { label: third.name }]);
    await coordinator.getByLabel('新的期限').fill('2030-09-30');
    await coordinator.getByRole('button', { name: '应用到所选事项' }).click();
    await coordinator.locator('#toast').getByText('已更新 2 个事项').waitFor();
    for (const r of picked) {
      const rows = await dataSource.getRepository(Assignment).find({ where: { itemId: r.id }, order: { departmentId: 'ASC' } });
      expect(rows.map((a) => [a.departmentId, a.role]).sort()).toEqual([[lead.id, 'lead'], [other.id, 'co'], [third.id, 'co']].sort());
      await expect(dataSource.getRepository(Item).findOneByOrFail({ id: r.id })).resolves.toMatchObject({ deadline: '2030-09-30' });
    }
  });

  it('shows the urged department its urge on 工作台, and the item its history', async () => {
    await coordinator.goto(`${api.baseUrl}/#/workbench?department=${other.id}`);
    await coordinator.locator('ul.urges li', { hasText: urgeItem.title }).getByText('请于本周五前报送最新进展。').waitFor();
    await coordinator.goto(`${api.baseUrl}/#/items/${reportItem.id}`);
    await coordinator.getByRole('heading', { name: /操作日志/ }).waitFor();
    await coordinator.getByRole('cell', { name: '批准延期' }).first().waitFor();
    await shot(coordinator, 'item-coordinator');
  });

  it('exports the filtered 督办总览 list as a real Excel file', async () => {
    await coordinator.goto(`${api.baseUrl}/#/overview?department=${other.id}`);
    const table = coordinator.getByRole('table', { name: '事项总览' });
    await table.locator('tbody tr').first().waitFor();
    const shown = await table.locator('tbody tr').count();
    const [file] = await Promise.all([coordinator.waitForEvent('download'), coordinator.getByRole('button', { name: '导出全部筛选结果' }).click()]);
    expect(file.suggestedFilename()).toBe('事项总览.xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await file.path())!)) as never);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(4).value).toBe('事项');
    // One line per item the filter selects (a single page here), each naming the department.
    expect(sheet.rowCount - 1).toBe(shown);
    for (let r = 2; r <= sheet.rowCount; r++) expect(`${sheet.getRow(r).getCell(5).value}${sheet.getRow(r).getCell(6).value}`).toContain(other.name);
  });

  it('lets the editor change the password, with the error next to the field', async () => {
    await editor.goto(`${api.baseUrl}/#/password`);
    await editor.getByLabel('当前密码').fill('not-my-password');
    await editor.getByLabel('新密码(至少 8 位)').fill('new-pass-word-2');
    await editor.getByLabel('再次输入新密码').fill('new-pass-word-2');
    await editor.getByRole('button', { name: '修改密码' }).click();
    await editor.locator('label.field.invalid', { hasText: '当前密码' }).getByText('当前密码不正确').waitFor();
    await editor.getByLabel('当前密码').fill(PASSWORD);
    await editor.getByRole('button', { name: '修改密码' }).click();
    await editor.locator('#toast').getByText(/^密码已修改/).waitFor();
    expect((await api.request('POST', '/api/auth/login', { token: null, body: { username: 'bumen', password: PASSWORD } })).status).toBe(401);
    expect((await api.request('POST', '/api/auth/login', { token: null, body: { username: 'bumen', password: 'new-pass-word-2' } })).status).toBe(200);
  });

  /** The administrator on 管理, in a context of its own. */
  async function openAdmin(): Promise<{ admin: Page; context: BrowserContext }> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const admin = await context.newPage();
    admin.on('pageerror', (e) => pageErrors.push(e.message));
    admin.on('dialog', (d) => void d.accept());
    await admin.goto(`${api.baseUrl}/#/admin`);
    const dialog = admin.getByRole('dialog', { name: '登录' });
    await dialog.getByLabel('用户名').fill('admin');
    await dialog.getByLabel('密码').fill(TEST_ADMIN_PASSWORD);
    await dialog.getByRole('button', { name: '登录' }).click();
    await admin.getByRole('heading', { name: '用户和角色' }).waitFor();
    return { admin, context };
  }

  it('lets the admin create a user on 管理, refusing a short password next to the field', async () => {
    const { admin, context } = await openAdmin();
    await admin.getByLabel('登录名').fill('xinren');
    await admin.getByLabel('姓名').fill('新人');
    await admin.getByLabel('初始密码').fill('short');
    // The new-user form's 单位 (管理 has other department pickers, e.g. for group-chat robots).
    const newUser = admin.locator('form', { has: admin.getByRole('button', { name: '新建用户' }) });
    await newUser.getByRole('combobox', { name: '单位', exact: true }).selectOption({ label: other.name });
    await admin.getByRole('button', { name: '新建用户' }).click();
    await admin.locator('label.field.invalid', { hasText: '初始密码' }).getByText('密码至少 8 位').waitFor();
    await expect(admin.getByLabel('姓名').inputValue()).resolves.toBe('新人');
    await admin.getByLabel('初始密码').fill('long-enough-1');
    await admin.getByRole('button', { name: '新建用户' }).click();
    await admin.locator('#toast').getByText('用户已建立').waitFor();
    await admin.getByRole('table', { name: '用户' }).getByRole('cell', { name: 'xinren', exact: true }).waitFor();
    await shot(admin, 'admin-users');
    await context.close();
  });

  it('shows the server\'s field errors next to their fields on 管理 (联系邮箱, 单位名称), described and marked invalid', async () => {
    const { admin, context } = await openAdmin();
    const form = admin.locator('form', { has: admin.getByRole('button', { name: '新建单位' }) });
    // By name: a label wraps its control, hint and error, so the error becomes part of the accessible name.
    const name = form.locator('input[name="name"]');
    const emails = form.locator('input[name="contactEmails"]');
    await expect(form.getByLabel('单位名称', { exact: true }).getAttribute('name')).resolves.toBe('name');
    await name.fill('市新建测试局');
    await emails.fill('xjcs@duban.test, 不是邮箱');
    await form.getByRole('button', { name: '新建单位' }).click();
    await form.locator('label.field.invalid', { hasText: '联系邮箱' }).getByText('联系邮箱中有无效的邮箱地址').waitFor();
    const described = async (control: typeof emails) => {
      const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
      return Promise.all(ids.map((id) => admin.locator(`[id="${id}"]`).textContent()));
    };
    await expect(emails.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(described(emails)).resolves.toEqual(['联系邮箱中有无效的邮箱地址']);
    await expect(name.getAttribute('aria-invalid')).resolves.toBeNull();
    await expect(form.locator('.error[role=alert]').count()).resolves.toBe(0);
    await shot(admin, 'admin-department-error');
    // A name another department has: the 409 names the field too.
    await name.fill(other.name);
    await emails.fill('');
    await form.getByRole('button', { name: '新建单位' }).click();
    await form.locator('label.field.invalid', { hasText: '单位名称' }).getByText(`已有名为“${other.name}”的单位`).waitFor();
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(emails.getAttribute('aria-invalid')).resolves.toBeNull();
    await expect(described(name)).resolves.toEqual([`已有名为“${other.name}”的单位`]);
    await context.close();
  });

  it('lets the admin change the reporting day and holidays on 管理, with errors next to the fields', async () => {
    const { admin, context } = await openAdmin();
    const day = admin.getByLabel('每月进展报送日(1–31)');
    await expect(day.inputValue()).resolves.toBe('25');
    await day.fill('40');
    await admin.getByRole('button', { name: '保存提醒规则' }).click();
    await admin.locator('label.field.invalid', { hasText: '每月进展报送日' }).getByText('每月报送日必须在 1 到 31 之间').waitFor();
    await day.fill('20');
    await admin.getByLabel('期限前提醒(工作日,逗号分隔)').fill('10、3');
    await admin.getByRole('button', { name: '保存提醒规则' }).click();
    await admin.locator('#toast').getByText('提醒规则已保存').waitFor();
    await admin.getByText('每月 20 日(本月截止 2030-03-20)').waitFor();
    await admin.getByText('来源:管理页面设置(admin').first().waitFor();
    const holidays = admin.getByLabel('额外放假日期(YYYY-MM-DD)');
    await holidays.fill('2030-04-31');
    await admin.getByRole('button', { name: '保存节假日调整' }).click();
    await admin.locator('label.field.invalid', { hasText: '额外放假日期' }).getByText('放假日期必须是 YYYY-MM-DD 格式的真实日期:2030-04-31').waitFor();
    await holidays.fill('2030-04-29, 2030-04-30');
    await admin.getByRole('button', { name: '保存节假日调整' }).click();
    await admin.locator('#toast').getByText('节假日调整已保存').waitFor();
    await admin.getByText('放假:2030-04-29、2030-04-30').waitFor();
    await shot(admin, 'admin-settings');
    const settings = (await api.get('/api/settings')).body;
    expect(settings.reminderRules).toEqual(expect.objectContaining({ reportDueDay: 20, beforeDays: [10, 3] }));
    expect(settings.calendarOverrides).toEqual({ holidays: ['2030-04-29', '2030-04-30'], workdays: [] });
    // Back to the defaults for the pages that follow.
    await admin.getByRole('button', { name: '恢复提醒规则的默认值' }).click();
    await admin.locator('#toast').getByText('提醒规则已恢复').waitFor();
    // The page is drawn again from the server after the toast: wait for the new drawing, then read the field.
    await admin.getByText('来源:系统默认').first().waitFor();
    await expect(day.inputValue()).resolves.toBe('25');
    expect((await api.get('/api/settings')).body.origin.reminderRules.source).toBe('default');
    await context.close();
  });

  it('takes an indicator reading on 指标 and shows whether it is on track', async () => {
    const indicator = await dataSource.getRepository(Indicator).findOneOrFail({ where: { op: '>=', plan: { current: true } }, order: { id: 'ASC' } });
    await coordinator.goto(`${api.baseUrl}/#/indicators?plan=${indicator.planId}`);
    const row = coordinator.getByRole('table', { name: '指标' }).locator('tr', { has: coordinator.getByLabel(`${indicator.name} 数值`, { exact: true }) }).first();
    await row.getByLabel(`${indicator.name} 期`, { exact: true }).fill('2030-13');
    await row.getByLabel(`${indicator.name} 数值`, { exact: true }).fill(String(indicator.targetValue));
    await row.getByRole('button', { name: '填报' }).click();
    await row.getByText('期必须是年份(2024)或月份(2024-06)').waitFor();
    await row.getByLabel(`${indicator.name} 期`, { exact: true }).fill('2030-03');
    await row.getByRole('button', { name: '填报' }).click();
    await coordinator.locator('#toast').getByText('已填报').waitFor();
    const readings = (await api.get(`/api/indicators/${indicator.id}/readings`)).body;
    expect(readings.readings).toEqual([expect.objectContaining({ period: '2030-03', value: Number(indicator.targetValue) })]);
    const after = coordinator.getByRole('table', { name: '指标' }).locator('tr', { has: coordinator.getByLabel(`${indicator.name} 数值`, { exact: true }) }).first();
    await after.getByText(readings.progressLabel).first().waitFor();
  });

  it('lists a deadline reminder not yet written and one withdrawn on 提醒记录', async () => {
    const item = await dataSource.getRepository(Item).findOneByOrFail({ kind: 'task' });
    const repo = dataSource.getRepository(Notification);
    const row = (key: string, status: Notification['status'], lastError: string | null) =>
      repo.create({ key, kind: 'deadline', rule: 'overdue', itemId: item.id, departmentId: null, day: '2030-01-02', to: [], cc: [], missingContacts: [], subject: '', html: '', text: '', attachments: [], status, lastError, createdAt: new Date('2030-01-02T02:00:00Z') });
    await repo.save([row(`item.${item.id}.overdue.2030-01-01.1`, 'pending', null), row(`item.${item.id}.overdue.2029-12-01.1`, 'withdrawn', '事项状态为“已销号”,不再提醒')]);
    await coordinator.goto(`${api.baseUrl}/#/notifications`);
    const table = coordinator.getByRole('table', { name: '提醒记录' });
    await table.getByRole('row', { name: /期限提醒.*\(发送时生成\).*待发送/ }).waitFor();
    await table.getByRole('row', { name: /\(未生成\).*已撤销.*已销号/ }).waitFor();
  });

  it('renders the other pages without errors', async () => {
    const pages: [string, string, string][] = [
      ['#/indicators', '指标', 'indicators'],
      ['#/reports', '月报', 'reports'],
      ['#/notifications', '提醒记录', 'notifications'],
      ['#/admin', '管理', 'admin'],
      ['#/password', '修改密码', 'password'],
      ['#/items', '事项查询', 'items'],
    ];
    for (const [hash, heading, name] of pages) {
      await coordinator.goto(`${api.baseUrl}/${hash}`);
      await coordinator.getByRole('heading', { name: heading, exact: true }).waitFor();
      await expect(coordinator.locator('main .error').count()).resolves.toBe(0);
      await shot(coordinator, name);
    }
    expect(pageErrors).toEqual([]);
  });

  it('shows the department editor and a read-only user the pages they use, without errors', async () => {
    const pages: [string, string | RegExp, string][] = [
      ['#/plans', '方案', 'plans'],
      [`#/plans/${reportItem.planId}`, /./, 'plan'],
      ['#/items', '事项查询', 'items'],
      [`#/items/${reportItem.id}`, `${reportItem.number} ${reportItem.title}`, 'item'],
      ['#/indicators', '指标', 'indicators'],
      ['#/reports', '月报', 'reports'],
      ['#/password', '修改密码', 'password'],
    ];
    const viewerContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const viewer = await viewerContext.newPage();
    viewer.on('pageerror', (e) => pageErrors.push(e.message));
    await viewer.goto(api.baseUrl + '/');
    await signIn(viewer, 'chakan');
    // Without a department the start page is 方案; the coordinating office's pages are not offered.
    await viewer.getByRole('heading', { name: '方案', exact: true }).waitFor();
    for (const nav of ['workbench', 'overview', 'import', 'notifications', 'admin']) await expect(viewer.locator(`#nav a[data-nav=${nav}]`).isVisible()).resolves.toBe(false);
    await shot(viewer, 'viewer-home');
    for (const [p, name, heading] of [[viewer, 'viewer', pages], [editor, 'editor', pages]] as const) {
      for (const [hash, title, file] of heading) {
        await p.goto(`${api.baseUrl}/${hash}`);
        await p.getByRole('heading', { level: 1, name: title }).first().waitFor();
        await expect(p.locator('main .error').count()).resolves.toBe(0);
        await shot(p, `${name}-${file}`);
      }
    }
    // A read-only user changes nothing: no status button, no report form, no reading form.
    await viewer.goto(`${api.baseUrl}/#/items/${reportItem.id}`);
    await viewer.getByRole('heading', { name: '进展报送' }).waitFor();
    await expect(viewer.locator('.status-actions, .report-form').count()).resolves.toBe(0);
    await viewer.goto(`${api.baseUrl}/#/indicators`);
    await viewer.getByRole('heading', { name: '指标', exact: true }).waitFor();
    await expect(viewer.getByRole('button', { name: '填报' }).count()).resolves.toBe(0);
    await viewerContext.close();
    expect(pageErrors).toEqual([]);
  });
});
