// The label catalog against libs/domain, and the web against the catalog: a code added to the domain
// without a label, a label for a code that does not exist, or a label map copied into the web fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  ASSIGNMENT_ROLES,
  DEADLINE_RULES,
  EXTENSION_STATES,
  INDICATOR_OPS,
  ITEM_KINDS,
  ITEM_STATUSES as DOMAIN_STATUSES,
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  REPORT_STATES,
  USER_ROLES,
} from '#domain';
import {
  ACTION_LABELS,
  ASSIGNMENT_ROLE_LABELS,
  AUDIT_ACTION_LABELS,
  COMPARISON_SIGNS,
  DEADLINE_KIND_LABELS,
  EXTENSION_STATE_LABELS,
  ITEM_STATUSES,
  KIND_LABELS,
  LIGHT_LABELS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_STATUS_LABELS,
  REMINDER_RULE_LABELS,
  REPORT_STATE_LABELS,
  ROLE_LABELS,
  SETTING_SOURCE_LABELS,
  STATUS_ACTIONS,
} from './index.js';

const keys = (o: object) => Object.keys(o).sort();

describe('label catalog', () => {
  it.each([
    ['roles', ROLE_LABELS, USER_ROLES],
    ['item kinds', KIND_LABELS, ITEM_KINDS],
    ['assignment roles', ASSIGNMENT_ROLE_LABELS, ASSIGNMENT_ROLES],
    ['comparison signs', COMPARISON_SIGNS, INDICATOR_OPS],
    ['extension states', EXTENSION_STATE_LABELS, EXTENSION_STATES],
    ['report states', REPORT_STATE_LABELS, REPORT_STATES],
    ['notification kinds', NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS],
    ['notification statuses', NOTIFICATION_STATUS_LABELS, NOTIFICATION_STATUSES],
    ['reminder rules', REMINDER_RULE_LABELS, DEADLINE_RULES],
    ['status actions', ACTION_LABELS, STATUS_ACTIONS],
  ] as [string, object, readonly string[]][])('labels every code of the domain and no other: %s', (_name, catalog, codes) => {
    expect(keys(catalog)).toEqual([...codes].sort());
  });

  it('takes the statuses from the domain itself', () => {
    expect(ITEM_STATUSES).toBe(DOMAIN_STATUSES);
  });

  it('has one label per code in each catalog', () => {
    for (const catalog of [
      ROLE_LABELS,
      KIND_LABELS,
      LIGHT_LABELS,
      EXTENSION_STATE_LABELS,
      NOTIFICATION_STATUS_LABELS,
      NOTIFICATION_KIND_LABELS,
      SETTING_SOURCE_LABELS,
      DEADLINE_KIND_LABELS,
      ACTION_LABELS,
    ]) {
      const labels = Object.values(catalog);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});

/** Every TypeScript source file (not a test) under a folder of the repository. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.spec\.tsx?$/.test(name) ? [path] : [];
  });
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A code as an object key: `admin`, `'admin'`, `"admin"` (or only quoted for codes like `item.transition`). */
const keyOf = (code: string) => (/^[A-Za-z_$][\w$]*$/.test(code) ? `(?:${code}|'${code}'|"${code}")` : `(?:'${literal(code)}'|"${literal(code)}")`);

const catalogs: Record<string, Record<string, string>> = {
  ROLE_LABELS,
  KIND_LABELS,
  LIGHT_LABELS,
  EXTENSION_STATE_LABELS,
  REPORT_STATE_LABELS,
  NOTIFICATION_STATUS_LABELS,
  NOTIFICATION_KIND_LABELS,
  SETTING_SOURCE_LABELS,
  AUDIT_ACTION_LABELS,
  REMINDER_RULE_LABELS,
  ACTION_LABELS,
  COMPARISON_SIGNS,
  DEADLINE_KIND_LABELS,
  ASSIGNMENT_ROLE_LABELS,
};

/**
 * The label maps a source file declares again: a code mapped to its label (`admin: '系统管理员'`), or
 * two or more codes of one catalog mapped to Chinese words, whatever the words (a copy that drifted,
 * like `rejected: '未批准'` where the catalog says 已驳回).
 */
function copiesIn(path: string, text: string): string[] {
  const found: string[] = [];
  for (const [name, catalog] of Object.entries(catalogs)) {
    const exact = Object.entries(catalog).filter(([code, label]) => new RegExp(`${keyOf(code)}\\s*:\\s*['"\`]${literal(label)}['"\`]`).test(text));
    const worded = Object.keys(catalog).filter((code) => new RegExp(`(?<![\\w$.])${keyOf(code)}\\s*:\\s*['"\`][^'"\`\\n]*[\\u4e00-\\u9fff≥≤]`, 'u').test(text));
    if (exact.length > 0 || worded.length >= 2) found.push(`${path}: ${name} (${[...new Set([...exact.map(([c]) => c), ...worded])].join(', ')})`);
  }
  return found;
}

describe('a drifted copy of a label map is caught', () => {
  it.each([
    ['the old report copy', "const EXTENSION_LABELS = { pending: '待审批', approved: '已批准', rejected: '未批准' };", ['x.ts: EXTENSION_STATE_LABELS (pending, approved, rejected)']],
    ['one exact pair', "const title = { 'item.transition': '状态变更' };", ['x.ts: AUDIT_ACTION_LABELS (item.transition)']],
    ['a role map in other words', "{ admin: '管理员', viewer: '只读用户' }", ['x.ts: ROLE_LABELS (admin, viewer)']],
    ['a lookup is no copy', 'LIGHT_LABELS[light]; ROLE_LABELS.admin; const c = { red: COLORS.red, green: COLORS.green };', []],
  ])('%s', (_name, text, expected) => expect(copiesIn('x.ts', text)).toEqual(expected));
});

/** The code that shows labels to users: the web, the API (exports, messages), the CLI, the worker (mails) and the libraries that render mails and reports. */
const USERS_OF_LABELS = [
  join('apps', 'web', 'src'),
  join('apps', 'api', 'src'),
  join('apps', 'cli', 'src'),
  join('apps', 'worker', 'src'),
  join('libs', 'reports', 'src'),
  join('libs', 'mail', 'src'),
];

describe('the web, the API, the CLI, the worker, the mails and the reports use the catalog', () => {
  const files = USERS_OF_LABELS.flatMap((dir) => sources(join(process.cwd(), dir))).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const web = files.filter((f) => f.path.includes(join('apps', 'web')));

  it('finds the sources', () => {
    expect(web.length).toBeGreaterThan(10);
    expect(web.some((s) => s.path.endsWith('item.tsx'))).toBe(true);
    for (const dir of USERS_OF_LABELS) expect([dir, files.some((f) => f.path.includes(dir))]).toEqual([dir, true]);
  });

  it('declares no copy of a label map', () => {
    expect(files.flatMap(({ path, text }) => copiesIn(path.slice(process.cwd().length + 1), text))).toEqual([]);
  });

  it('lists no statuses of its own', () => {
    // Two statuses side by side in an array literal: the status list written again.
    const list = new RegExp(`\\[\\s*'(${ITEM_STATUSES.map((s) => s.replace(/[()]/g, '\\$&')).join('|')})'\\s*,\\s*'(${ITEM_STATUSES.map((s) => s.replace(/[()]/g, '\\$&')).join('|')})'`);
    expect(files.filter((s) => list.test(s.text)).map((s) => s.path)).toEqual([]);
  });

  it('takes the status machine from the domain, not a copy', () => {
    // The old pages held their own table of actions with `from:` and `by:`; the web now reads STATUS_RULES.
    expect(web.filter((s) => /from:\s*\[\s*'/.test(s.text) && /by:\s*\[\s*'/.test(s.text)).map((s) => s.path)).toEqual([]);
    expect(web.find((s) => s.path.endsWith('item.tsx'))?.text).toContain('STATUS_RULES');
  });
});
