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

/** Every TypeScript source file of the web. */
function webSources(dir = join(process.cwd(), 'apps', 'web', 'src')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return webSources(path);
    return /\.tsx?$/.test(name) && !/\.spec\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the web uses the catalog', () => {
  const sources = webSources().map((path) => ({ path, text: readFileSync(path, 'utf8') }));
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
  };

  it('finds the web sources', () => {
    expect(sources.length).toBeGreaterThan(10);
    expect(sources.some((s) => s.path.endsWith('item.tsx'))).toBe(true);
  });

  it.each(Object.keys(catalogs))('declares no copy of %s (a code mapped to its label)', (name) => {
    const catalog = catalogs[name]!;
    const copies: string[] = [];
    for (const { path, text } of sources) {
      for (const [code, label] of Object.entries(catalog)) {
        // `admin: '系统管理员'` or `'item.transition': '状态变更'`: a label map written again.
        const key = /^[A-Za-z_$][\w$]*$/.test(code) ? `(?:${code}|'${code}'|"${code}")` : `(?:'${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'|"${code}")`;
        if (new RegExp(`${key}\\s*:\\s*['"\`]${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`).test(text)) copies.push(`${path}: ${code} → ${label}`);
      }
    }
    expect(copies).toEqual([]);
  });

  it('lists no statuses of its own', () => {
    // Two statuses side by side in an array literal: the status list written again.
    const list = new RegExp(`\\[\\s*'(${ITEM_STATUSES.map((s) => s.replace(/[()]/g, '\\$&')).join('|')})'\\s*,\\s*'(${ITEM_STATUSES.map((s) => s.replace(/[()]/g, '\\$&')).join('|')})'`);
    expect(sources.filter((s) => list.test(s.text)).map((s) => s.path)).toEqual([]);
  });

  it('takes the status machine from the domain, not a copy', () => {
    // The old pages held their own table of actions with `from:` and `by:`; the web now reads STATUS_RULES.
    expect(sources.filter((s) => /from:\s*\[\s*'/.test(s.text) && /by:\s*\[\s*'/.test(s.text)).map((s) => s.path)).toEqual([]);
    expect(sources.find((s) => s.path.endsWith('item.tsx'))?.text).toContain('STATUS_RULES');
  });
});
