// Hostile uploads: file names that climb out of folders, name absolute paths, carry NUL or control
// characters or run very long, for plan imports and progress-report attachments. Whatever the name, a
// file is stored only under the data folder (under a name of the server's own), is served back byte for
// byte with an encoded Content-Disposition, and the name is recorded as the file's own name; oversized
// attachments are a 413 and types outside the list a 400, both in Chinese, and leave nothing behind.
import { Item, Plan, ReportAttachment } from '#domain';
import { PlanImportService } from '#plan-import';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { DataSource } from 'typeorm';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { SEEDS_DIR } from './helpers/gold.js';

const PASSWORD = 'upload-pass-word-1';

/** Names a client may send for a file, and the name the server records (its own last segment, no control characters; null: refused). */
const IMPORT_NAMES: [sent: string, recorded: string | null][] = [
  ['../../etc/passwd.txt', 'passwd.txt'],
  ['..\\..\\x.txt', 'x.txt'],
  ['/etc/passwd.txt', 'passwd.txt'],
  ['C:\\Windows\\System32\\drivers\\etc\\hosts.txt', 'hosts.txt'],
  ['a/b\\c.txt', 'c.txt'],
  // The multipart parser refuses a NUL in a header: 400 before the name reaches duban.
  ['a\u0000b.txt', null],
  ['..\r\nSet-Cookie: x=1.txt', '..Set-Cookie: x=1.txt'],
  ['\u202Etxt.exe.txt', '\u202Etxt.exe.txt'],
  [`${'长'.repeat(1000)}.txt`, `${'长'.repeat(196)}.txt`],
];

/** Every file under a folder, relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort();
}

describe('hostile uploads', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let ds: DataSource;
  let editorToken: string;
  let itemId: number;

  const upload = async (path: string, bytes: Buffer, name: string, token: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return api.request('POST', path, { body: form, token });
  };
  /** A fresh draft of the department's progress report for a month. */
  const draft = async (period: string) => {
    const res = await api.request('PUT', `/api/items/${itemId}/reports/${period}`, { token: editorToken, body: { text: '进展' } });
    expect(res.status).toBe(200);
    return res.body.id as number;
  };

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2026-03-02T09:00:00+08:00', DUBAN_UPLOAD_MAX_MB: '1' });
    api = await startApp(db);
    ds = api.app.get(DataSource);
    const { plan } = await new PlanImportService(ds).importFile(join(SEEDS_DIR, '004_60e92da960188409.txt'));
    const task = await ds.getRepository(Item).findOneByOrFail({ planId: plan.id, kind: 'task' });
    itemId = task.id;
    const dept = await api.request('POST', '/api/departments', { body: { name: '上传测试局' } });
    await api.request('POST', '/api/users', { body: { username: 'shangchuan', displayName: '填报员', password: PASSWORD, role: 'editor', departmentId: dept.body.id } });
    editorToken = await api.login('shangchuan', PASSWORD);
    const item = (await api.get(`/api/items/${itemId}`)).body;
    expect((await api.request('PUT', `/api/items/${itemId}/assignment`, { body: { version: item.version, lead: dept.body.id, deadline: '2026年12月底前' } })).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
  });

  it('records a plan import under the file\u2019s own name and writes no file anywhere', async () => {
    const before = filesUnder(db.dataDir);
    const text = readFileSync(join(process.cwd(), 'test', 'fixtures', 'ok', '101_work_points_fullwidth.txt'));
    for (const [sent, recorded] of IMPORT_NAMES) {
      const preview = await upload('/api/imports/preview', text, sent, api.adminToken);
      if (recorded === null) {
        expect([sent, preview.status, JSON.stringify(preview.body.message)]).toEqual([sent, 400, expect.stringMatching(/[\u4e00-\u9fff]/u)]);
        continue;
      }
      expect([sent, preview.status, preview.body.fileName]).toEqual([sent, 200, recorded]);
    }
    const [sent, recorded] = IMPORT_NAMES.at(-1)!;
    const saved = await upload('/api/imports', text, sent, api.adminToken);
    expect(saved.status).toBe(200);
    expect((await ds.getRepository(Plan).findOneByOrFail({ id: saved.body.planId })).sourceFileName).toBe(recorded);
    // Imports keep the text in the database only: no file appeared in the data folder (nor beside it).
    expect(filesUnder(db.dataDir)).toEqual(before);
    for (const escaped of ['x.txt', 'passwd.txt', 'hosts.txt', 'c.txt']) expect(existsSync(resolve(db.dataDir, '..', escaped))).toBe(false);
  });

  it('stores an attachment under the data folder whatever its name, and serves it back with an encoded name', async () => {
    const reportId = await draft('2026-03');
    const names = ['../../x.txt', '..\\..\\x.txt', '/etc/passwd.txt', 'C:\\Windows\\x.txt', 'a/b\\c.txt', '%2e%2e%2fx.txt', '..\r\nSet-Cookie: x=1.txt', '"; filename=evil.exe; x=".txt', '佐证 材料(一).pdf'];
    const attachmentsDir = realpathSync(db.dataDir) + sep + 'attachments' + sep;
    for (const [i, name] of names.entries()) {
      const bytes = Buffer.from(`附件 ${i} ${name}`);
      const res = await upload(`/api/progress-reports/${reportId}/attachments`, bytes, name, editorToken);
      expect([name, res.status]).toEqual([name, 201]);
      // On disk: under data/attachments/<report>/, under a random name with the allowed extension only.
      const row = await ds.getRepository(ReportAttachment).findOneByOrFail({ id: res.body.id });
      const stored = realpathSync(resolve(db.dataDir, row.storagePath));
      expect(stored.startsWith(attachmentsDir + reportId + sep)).toBe(true);
      expect(relative(attachmentsDir, stored)).toMatch(new RegExp(`^${reportId}[\\\\/][0-9a-f]{24}\\.(txt|pdf)$`));
      expect(readFileSync(stored)).toEqual(bytes);
      // Served back as an attachment: the same bytes, the name percent-encoded (no quote, CR, LF or separator in the header).
      const download = await fetch(`${api.baseUrl}/api/progress-reports/${reportId}/attachments/${res.body.id}`, { headers: { authorization: `Bearer ${editorToken}` } });
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
      const disposition = download.headers.get('content-disposition') ?? '';
      expect(disposition).toMatch(/^attachment; filename\*=UTF-8''[A-Za-z0-9%!'()*._~-]+$/);
      expect(decodeURIComponent(disposition.replace(/^attachment; filename\*=UTF-8''/, ''))).toBe(row.fileName);
      expect(download.headers.get('set-cookie')).toBeNull();
      expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // Nothing was written outside the data folder's attachments.
    for (const escaped of ['x.txt', 'c.txt', 'passwd.txt']) {
      expect(existsSync(resolve(db.dataDir, '..', escaped))).toBe(false);
      expect(existsSync(resolve(db.dataDir, escaped))).toBe(false);
    }
    expect(filesUnder(db.dataDir).filter((f) => !f.startsWith(`attachments${sep}`) && !f.startsWith('duban.sqlite'))).toEqual([]);
  });

  it('records an attachment under its own last name segment, cut to 200 characters', async () => {
    const reportId = await draft('2025-12');
    const cases: [string, string][] = [
      ['../../x.txt', 'x.txt'],
      ['C:\\Windows\\x.txt', 'x.txt'],
      ['a/b\\c.txt', 'c.txt'],
      ['佐证'.repeat(150) + '.txt', '佐证'.repeat(98) + '.txt'],
    ];
    for (const [sent, recorded] of cases) {
      const res = await upload(`/api/progress-reports/${reportId}/attachments`, Buffer.from('x'), sent, editorToken);
      expect([sent, res.status, res.body.fileName]).toEqual([sent, 201, recorded]);
      expect((await ds.getRepository(ReportAttachment).findOneByOrFail({ id: res.body.id })).fileName).toBe(recorded);
    }
  });

  it('refuses an oversized attachment with 413 and types outside the list with 400, in Chinese, storing nothing', async () => {
    const reportId = await draft('2026-02');
    const before = filesUnder(join(db.dataDir, 'attachments'));
    const big = await upload(`/api/progress-reports/${reportId}/attachments`, Buffer.alloc(1024 * 1024 + 1, 0x41), '大文件.pdf', editorToken);
    expect([big.status, big.body.message]).toEqual([413, ['附件不能超过 1 MB']]);
    for (const name of ['x.exe', 'x.html', 'x.svg', 'x.js', 'x.txt.exe', 'x.php', 'x', '.txt.', 'x.txt.']) {
      const res = await upload(`/api/progress-reports/${reportId}/attachments`, Buffer.from('<script>alert(1)</script>'), name, editorToken);
      expect([name, res.status, JSON.stringify(res.body.message)]).toEqual([name, 400, expect.stringMatching(/不支持的附件类型/)]);
    }
    // A NUL hiding the real extension never gets that far: the multipart parser refuses the header.
    const nul = await upload(`/api/progress-reports/${reportId}/attachments`, Buffer.from('MZ'), 'x.txt\u0000.exe', editorToken);
    expect([nul.status, JSON.stringify(nul.body.message)]).toEqual([400, expect.stringMatching(/[\u4e00-\u9fff]/u)]);
    const empty = await upload(`/api/progress-reports/${reportId}/attachments`, Buffer.alloc(0), '空.txt', editorToken);
    expect([empty.status, JSON.stringify(empty.body.message)]).toEqual([400, expect.stringMatching(/空文件/)]);
    expect((await api.request('GET', `/api/progress-reports/${reportId}`, { token: editorToken })).body.attachments).toEqual([]);
    expect(filesUnder(join(db.dataDir, 'attachments'))).toEqual(before);
  });

  it('answers a form field over multer\u2019s size limit in Chinese', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('一、总体要求\n1.加强质量基础(市市场监管局牵头)\n')]), 'a.txt');
    form.append('mapping', 'x'.repeat(2 * 1024 * 1024));
    const res = await api.request('POST', '/api/imports/preview', { body: form });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body.message)).toMatch(/[\u4e00-\u9fff]/u);
  });
});
