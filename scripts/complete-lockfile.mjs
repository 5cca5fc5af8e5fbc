#!/usr/bin/env node
/**
 * Adds to package-lock.json the optional platform packages that npm left out.
 *
 * The npm registry reachable from our machines serves only some platform builds of packages
 * such as @unrs/resolver-binding-* (a jest dependency); npm then omits the others from the lock
 * file and `npm ci` refuses the lock as out of sync. An entry marked optional is enough for
 * `npm ci`: it tries the package, cannot fetch it, and skips it as an optional dependency.
 * Run after every `npm install` that changes the lock file (`npm run lock:complete`);
 * test/lockfile.spec guards it.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const missing = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    // Node's resolution: the package itself, then each enclosing node_modules up to the root.
    const candidates = [];
    let base = path;
    while (true) {
      candidates.push(base ? `${base}/node_modules/${dep}` : `node_modules/${dep}`);
      if (!base) break;
      const cut = base.lastIndexOf('/node_modules/');
      base = cut >= 0 ? base.slice(0, cut) : '';
    }
    if (!candidates.some((c) => lock.packages[c])) missing.push([`node_modules/${dep}`, { version, ...(entry.dev ? { dev: true } : {}), optional: true }]);
  }
}
for (const [key, value] of missing) lock.packages[key] ??= value;
if (process.argv.includes('--check')) {
  if (missing.length > 0) {
    console.error(`package-lock.json lacks ${missing.length} optional package(s): run npm run lock:complete`);
    process.exit(1);
  }
} else {
  writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
  console.log(`package-lock.json: ${missing.length} optional platform package(s) added`);
}
