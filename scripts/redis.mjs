#!/usr/bin/env node
/**
 * Makes sure the Redis of REDIS_URL answers. When it does not and it is on this machine, starts
 * redis-server from PATH with its data under <DUBAN_DATA_DIR>/redis; fails with a message naming
 * what to install when redis-server is missing. Used by scripts/start.mjs (npm start);
 * `node scripts/redis.mjs` alone starts Redis in the foreground the same way.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const LOCAL = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True when something at host:port answers a Redis PING (PONG, or an auth error: a Redis all the same). */
export function redisAnswers(host, port, timeoutMs = 1000) {
  return new Promise((done) => {
    const socket = connect({ host, port });
    const finish = (ok) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => finish(/^(\+PONG|-NOAUTH|-WRONGPASS|-ERR)/.test(data.toString())));
  });
}

/** Starts redis-server when REDIS_URL does not answer; returns the child process, or null when Redis already ran. */
export async function ensureRedis({ redisUrl, dataDir, log = console.log }) {
  const url = new URL(redisUrl);
  const host = url.hostname || '127.0.0.1';
  const port = Number(url.port || 6379);
  if (await redisAnswers(host, port)) return null;
  if (!LOCAL.has(host)) {
    throw new Error(`Redis 无响应:${redisUrl}。请检查 REDIS_URL 指向的 Redis 服务是否已启动。`);
  }
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error(
      '没有找到 redis-server:督办的提醒和月报需要 Redis。请安装 Redis(Debian/Ubuntu:sudo apt-get install redis-server;' +
        'CentOS/麒麟:sudo yum install redis;macOS:brew install redis),或把 REDIS_URL 设为已有的 Redis 服务。',
    );
  }
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const args = ['--port', String(port), '--bind', host === 'localhost' ? '127.0.0.1' : host.replace(/^\[|\]$/g, ''), '--dir', dir, '--appendonly', 'yes', '--save', '60 1', '--logfile', 'redis.log'];
  if (url.password) args.push('--requirepass', decodeURIComponent(url.password));
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const until = Date.now() + 10_000;
  while (!(await redisAnswers(host, port))) {
    if (child.exitCode !== null) throw new Error(`redis-server 启动失败(端口 ${port}),详见 ${resolve(dir, 'redis.log')}`);
    if (Date.now() > until) {
      child.kill('SIGTERM');
      throw new Error(`redis-server 未能在 10 秒内启动(端口 ${port}),详见 ${resolve(dir, 'redis.log')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`已启动本机 Redis:${redisUrl}(数据目录 ${dir})`);
  return child;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { loadConfig } = await import('../dist/libs/config/src/index.js');
  const config = loadConfig();
  ensureRedis({ redisUrl: config.REDIS_URL, dataDir: config.dataDir })
    .then((child) => {
      if (!child) return console.log(`Redis 已在运行:${config.REDIS_URL}`);
      for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill('SIGTERM'));
    })
    .catch((error) => {
      console.error(error.message);
      process.exit(1);
    });
}
