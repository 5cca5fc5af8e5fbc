// The built API and worker (dist/, built by the jest globalSetup) as child processes, the way they run in production.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './redis.js';

const ROOT = join(import.meta.dirname, '..', '..');

export interface ChildApp {
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface ChildApi extends ChildApp {
  baseUrl: string;
}

async function spawnUntil(script: string, env: Record<string, string>, ready: string, what: string): Promise<ChildApp> {
  const child = spawn(process.execPath, [join(ROOT, script)], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', TZ: process.env.TZ ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise((r) => child.once('exit', r));
  const until = Date.now() + 60_000;
  while (!out.includes(ready)) {
    if (child.exitCode !== null || child.signalCode) throw new Error(`${what} exited before it was ready:\n${out}`);
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`${what} not ready within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Starts `node dist/apps/api/src/main.js` on a free port of 127.0.0.1. */
export async function spawnApi(env: Record<string, string>, name = 'API'): Promise<ChildApi> {
  const port = await freePort();
  const app = await spawnUntil('dist/apps/api/src/main.js', { ...env, PORT: String(port), HOST: '127.0.0.1' }, 'duban API:', name);
  return { ...app, baseUrl: `http://127.0.0.1:${port}` };
}

/** Starts `node dist/apps/worker/src/main.js` (needs LOG_LEVEL log or debug to see it is ready). */
export function spawnWorker(env: Record<string, string>, name = 'worker'): Promise<ChildApp> {
  return spawnUntil('dist/apps/worker/src/main.js', { ...env, LOG_LEVEL: 'log' }, 'duban worker started', name);
}
