/** `npm ci` (what CI runs) needs every optional platform package in the lock file. */
import { execFileSync } from 'node:child_process';

describe('package-lock.json', () => {
  it('lists every optional platform package, so npm ci accepts it', () => {
    const out = execFileSync(process.execPath, ['scripts/complete-lockfile.mjs', '--check'], { encoding: 'utf8' });
    expect(out).toBe('');
  });
});
