/** The real API and worker as child processes (dist/), their cold start and resident memory. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = process.cwd();

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process in MB (Linux /proc, else ps). */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux: ask ps
  }
  try {
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) / 1024;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid));
    },
  };
}

export interface Child {
  pid: number;
  /** Milliseconds from spawn to ready (first 200 from /health, or the worker's start line). */
  coldStartMs: number;
  output(): string;
  stop(): Promise<void>;
}

/** BENCH_PROFILE_DIR=<dir>: the API, the worker and child scripts write CPU profiles there (node --cpu-prof). */
const nodeArgs = (): string[] => (process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []);

function launch(script: string, env: Record<string, string>): { child: ChildProcess; started: bigint; output: () => string } {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...nodeArgs(), join(ROOT, script)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, started, output: () => output };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

const elapsedMs = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

/** Starts node dist/apps/api/src/main.js and waits for the first successful GET /health. */
export async function startApi(env: Record<string, string>, timeoutMs = 120_000): Promise<Child & { baseUrl: string }> {
  const port = await freePort();
  const { child, started, output } = launch('dist/apps/api/src/main.js', { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/health`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (elapsedMs(started) > timeoutMs) {
      await stopChild(child);
      throw new Error(`API not healthy after ${timeoutMs} ms:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { pid: child.pid!, coldStartMs: elapsedMs(started), baseUrl, output, stop: () => stopChild(child) };
}

/** Starts node dist/apps/worker/src/main.js and waits for its "worker started" line (LOG_LEVEL=log). */
export async function startWorker(env: Record<string, string>, timeoutMs = 120_000): Promise<Child> {
  const { child, started, output } = launch('dist/apps/worker/src/main.js', { ...env, LOG_LEVEL: 'log' });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`worker exited (${child.exitCode}):\n${output()}`);
    if (output().includes('duban worker started')) break;
    if (elapsedMs(started) > timeoutMs) {
      await stopChild(child);
      throw new Error(`worker not started after ${timeoutMs} ms:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return { pid: child.pid!, coldStartMs: elapsedMs(started), output, stop: () => stopChild(child) };
}

/** Runs a bench script in a child process and returns the JSON it prints last. */
export async function runChild<T>(script: string, env: Record<string, string>, args: string[] = []): Promise<T> {
  const child = spawn(process.execPath, [...nodeArgs(), join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-20_000)));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`${script} exited ${code}:\n${err}`);
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}
