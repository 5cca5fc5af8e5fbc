// jest globalSetup: one incremental build (tsc -p tsconfig.build.json) before any suite, so the suites
// that run the built apps as child processes (worker, CLI) never build concurrently; then the web
// interface (Vite, into dist/web), which the API serves to the browser suites.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function build() {
  const root = join(import.meta.dirname, '..');
  const run = (script, args) => {
    try {
      execFileSync(process.execPath, [join(root, script), ...args], { cwd: root, stdio: 'pipe' });
    } catch (error) {
      throw new Error(`build failed before the tests:\n${error.stdout?.toString() ?? ''}${error.stderr?.toString() ?? ''}`);
    }
  };
  run('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.build.json']);
  run('node_modules/vite/bin/vite.js', ['build', '--config', 'apps/web/vite.config.ts']);
}
