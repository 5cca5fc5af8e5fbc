import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');

/** Debian's Chromium, headless; the flags keep it off the (closed) network. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" (.ci/run does this when it is missing).`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--lang=zh-CN', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

let axeSource: Promise<string> | null = null;

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is now and returns the violations of
 * serious or critical impact, one line each ("rule: target"), so a failing test says what and where.
 * axe is evaluated through the DevTools protocol, so a strict Content-Security-Policy does not stop it.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(await axeSource);
  const found = await page.evaluate<{ id: string; impact: string; help: string; targets: string[] }[]>(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))
  `);
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.help}): ${v.targets.slice(0, 5).join(' | ')}`);
}

/** Signs in through the overlay the app shows whenever the server answers 401. */
export async function signInThroughDialog(page: Page, username: string, password: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: '登录' });
  await dialog.waitFor();
  await dialog.getByLabel('用户名').fill(username);
  await dialog.getByLabel('密码').fill(password);
  await dialog.getByRole('button', { name: '登录' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Screenshots a page on desktop and phone, with no serious accessibility violation and no sideways scrolling on the phone. */
export async function shootAndCheck(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  expect({ name, violations: await accessibilityViolations(page) }).toEqual({ name, violations: [] });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(SCREENSHOTS, `phone-${name}.png`), fullPage: true });
  expect({ name, overflow: await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth') }).toEqual({ name, overflow: 0 });
  if (size) await page.setViewportSize(size);
}
