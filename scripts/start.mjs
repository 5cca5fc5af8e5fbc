#!/usr/bin/env node
/**
 * npm start: one command for a small installation. After the build (prestart) it starts a local
 * Redis when none answers, runs the database migrations once, then runs the API and the worker as
 * child processes. SIGINT/SIGTERM stop both gracefully (the worker finishes its active jobs), then
 * the Redis it started. If either child dies, the others are stopped too.
 */
import { spawn, spawnSync } from 'node:child_process';
import { ensureRedis } from './redis.mjs';

const { loadConfig } = await import('../dist/libs/config/src/index.js');

let config;
try {
  config = loadConfig();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

let redis = null;
try {
  redis = await ensureRedis({ redisUrl: config.REDIS_URL, dataDir: config.dataDir });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const migrate = spawnSync(process.execPath, ['dist/libs/database/src/cli.js', 'migrate'], { stdio: 'inherit' });
if (migrate.status !== 0) {
  redis?.kill('SIGTERM');
  process.exit(migrate.status ?? 1);
}

const children = new Map();
let stopping = false;

function run(name, script) {
  const child = spawn(process.execPath, [script], { stdio: 'inherit', env: process.env });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`${name} 已退出(${signal ?? code}),正在停止其他进程`);
      void stop(code || 1);
    } else if (children.size === 0) finish();
  });
}

let exitCode = 0;
function finish() {
  if (redis && redis.exitCode === null) {
    redis.once('exit', () => process.exit(exitCode));
    redis.kill('SIGTERM');
  } else process.exit(exitCode);
}

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  if (children.size === 0) return finish();
  for (const child of children.values()) child.kill('SIGTERM');
  // A child that ignores SIGTERM for 20 s is killed.
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 20_000).unref();
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

run('API', 'dist/apps/api/src/main.js');
run('worker', 'dist/apps/worker/src/main.js');
