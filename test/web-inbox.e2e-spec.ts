// The bell and 我的通知 in headless Chromium: unread count on every page, the list with its links,
// marking one and all read; and 管理's group robots with 发送测试消息 against a local 飞书 stand-in.
import { InboxNotification } from '#domain';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { checkPage, launchBrowser, signIn } from './helpers/browser.js';
import { createTestDatabase, TEST_ADMIN_PASSWORD, type TestDatabase } from './helpers/database.js';
import { type ChatPlatforms, startChatPlatforms } from './worker-support/chat-platforms.js';

const PASSWORD = 'inbox-pass-word-1';

describe('web: notifications', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let platforms: ChatPlatforms;
  let browser: Browser;
  let page: Page;
  let departmentId = 0;
  let userId = 0;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2026-11-11T10:00:00+08:00', DUBAN_SESSION_HOURS: '100000' });
    api = await startApp(db);
    platforms = await startChatPlatforms();
    const dept = await api.request('POST', '/api/departments', { body: { name: '市市场监管局', contactEmails: [] } });
    departmentId = dept.body.id;
    const user = await api.request('POST', '/api/users', { body: { username: 'scj', displayName: '市场监管局填报员', password: PASSWORD, role: 'editor', departmentId } });
    userId = user.body.id;
    // What the worker writes when notifications go out (the pipeline is tested in notify-channels).
    const repo = api.app.get(DataSource).getRepository(InboxNotification);
    const at = (h: number) => new Date(`2026-11-11T0${h}:00:00Z`);
    await repo.save([
      repo.create({ userId, key: 'item.7.before.2026-11-20.1', kind: 'deadline', title: '【督办提醒】1.加强质量文化宣传 距完成期限还有7个工作日', body: '市市场监管局:您单位牵头的以下事项将于2026年11月20日到期,请抓紧推进。\n事项:加强质量文化宣传', link: '#/items/7', itemId: 7, createdAt: at(1), readAt: null }),
      repo.create({ userId, key: 'decision.extension-approved.3', kind: 'decision', title: '【延期已批准】2.推进标准化建设', body: '市市场监管局:您单位对以下事项提出的延期申请已获批准。', link: '#/items/8', itemId: 8, createdAt: at(2), readAt: null }),
      repo.create({ userId, key: 'urge.5', kind: 'urge', title: '【催办】3.开展质量提升行动', body: '催办意见:请于本周内报送进展', link: '#/items/9', itemId: 9, createdAt: at(0), readAt: at(1) }),
    ]);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${api.baseUrl}/#/plans`);
    await signIn(page, 'scj', PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await platforms?.stop();
    await api?.close();
    await db?.cleanup();
  });

  it('shows the unread count on every page and lists one’s notifications with links, newest first', async () => {
    const bell = page.getByRole('link', { name: '我的通知,2 条未读' });
    await bell.waitFor();
    expect(await page.locator('a.bell .badge').textContent()).toBe('2');
    await bell.click();
    await page.getByRole('heading', { name: '我的通知' }).waitFor();
    expect(page.url()).toContain('#/inbox');
    const entries = page.getByRole('list', { name: '我的通知' }).getByRole('listitem');
    expect(await entries.count()).toBe(3);
    expect(await entries.nth(0).getByRole('link').textContent()).toBe('【延期已批准】2.推进标准化建设');
    expect(await entries.nth(0).getByRole('link').getAttribute('href')).toBe('#/items/8');
    expect(await entries.nth(1).textContent()).toContain('请抓紧推进');
    expect(await entries.nth(2).textContent()).toContain('已读');
    await checkPage(page, 'inbox', { phone: true });
  });

  it('marks one read, then all, and the bell follows', async () => {
    const entries = page.getByRole('list', { name: '我的通知' }).getByRole('listitem');
    await entries.nth(1).getByRole('button', { name: '标为已读' }).click();
    await page.getByRole('link', { name: '我的通知,1 条未读' }).waitFor();
    await page.getByRole('link', { name: '只看未读' }).click();
    await page.getByRole('link', { name: '显示全部' }).waitFor();
    expect(await page.getByRole('list', { name: '我的通知' }).getByRole('listitem').count()).toBe(1);
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await page.getByRole('link', { name: '我的通知', exact: true }).waitFor();
    await page.getByText('没有未读通知。').first().waitFor();
    expect(await page.locator('a.bell .badge').count()).toBe(0);
    const unread = await api.request('GET', '/api/me/notifications/unread-count', { token: await api.login('scj', PASSWORD) });
    expect(unread.body).toEqual({ unread: 0 });
    await checkPage(page, 'inbox-all-read', { phone: true });
  });

  it('管理: an administrator adds a 飞书 robot with its secret and sends a test message', async () => {
    const robot = platforms.add({ platform: 'feishu', token: 'web-feishu-hook', secret: 'web-feishu-secret' });
    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    admin.on('pageerror', (e) => pageErrors.push(e.message));
    await admin.goto(`${api.baseUrl}/#/admin`);
    await signIn(admin, 'admin', TEST_ADMIN_PASSWORD);
    const section = admin.locator('section.chat-channels');
    await section.getByRole('heading', { name: '群机器人(企业微信、钉钉、飞书)' }).waitFor();
    await section.getByLabel('单位').selectOption({ label: '市市场监管局' });
    await section.getByLabel('平台').selectOption({ label: '飞书' });
    await section.getByLabel('Webhook 地址').fill(platforms.url(robot));
    await section.getByLabel('密钥(钉钉加签、飞书签名校验)').fill('web-feishu-secret');
    await section.getByRole('button', { name: '添加机器人' }).click();
    const row = section.getByRole('table', { name: '群机器人' }).getByRole('row', { name: /市市场监管局/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('(已设密钥)');
    expect(await row.textContent()).not.toContain('web-feishu-hook');
    await row.getByRole('button', { name: '发送测试消息' }).click();
    await admin.locator('#toast').getByText('飞书已收到测试消息').waitFor();
    expect(platforms.accepted('web-feishu-hook').map((r) => r.body.card.header.title.content)).toEqual(['督办系统测试消息']);
    await checkPage(admin, 'admin-chat-channels', { phone: true });
    await admin.close();
    expect(pageErrors).toEqual([]);
  });
});
