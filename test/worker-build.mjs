// jest globalSetup: one incremental build (tsc -p tsconfig.build.json) before any suite, so the suites
// that run the built apps as child processes (worker, CLI) never build concurrently.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function build() {
  const root = join(import.meta.dirname, '..');
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    throw new Error(`build failed before the tests:\n${error.stdout?.toString() ?? ''}${error.stderr?.toString() ?? ''}`);
  }
}
