import type { AppConfig } from '#config';
import type { DefaultJobOptions, RedisOptions } from 'bullmq';

/**
 * Queue contracts shared by the producer (API, CLI) and the consumer (worker): queue names,
 * job names, payload types, scheduler ids and default job options. One queue per job type,
 * one processor per queue.
 */
export const QUEUES = {
  /** Scans items for due deadline reminders, undelivered urges and unsent notifications. */
  reminderScan: 'reminder-scan',
  /** Scans departments that have not reported this month before the reporting deadline. */
  reportingDuty: 'reporting-duty',
  /** Turns one urge (催办) into a notification and sends it at once. */
  urge: 'urge',
  /** Sends one notification (mail) by key; writes its in-app notices and chat deliveries first. */
  mail: 'mail',
  /** Posts one notification to one department's group-chat robot (企业微信, 钉钉, 飞书) by delivery key. */
  chat: 'chat',
  /** Generates, stores and mails a monthly report (月报). */
  monthlyReport: 'monthly-report',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);

export const JOBS = {
  reminderScan: 'scan',
  reportingDuty: 'scan',
  urge: 'deliver',
  mail: 'send',
  chat: 'post',
  monthlyReport: 'generate',
} as const;

/** Scans carry no data: "now" comes from the worker's clock. */
export type ScanPayload = Record<string, never>;

export interface UrgePayload {
  urgeId: number;
}

/** Job id = notification key. */
export interface MailPayload {
  key: string;
}

/** Job id = chat delivery key. */
export interface ChatPayload {
  key: string;
}

export interface MonthlyReportPayload {
  /** YYYY-MM; absent for the scheduled run = the month before "now". */
  month?: string;
  /** A plan id; absent = all current plans. */
  planId?: number;
  trigger: 'schedule' | 'api' | 'cli';
  /** Mail the report to the coordinators (default true). */
  email?: boolean;
}

/** Job Scheduler ids: upserting by id is idempotent across workers and restarts. */
export const SCHEDULERS = {
  reminderScan: 'reminder-scan-hourly',
  reportingDuty: 'reporting-duty-daily',
  monthlyReport: 'monthly-report-monthly',
} as const;

/** Named default job options: retries with exponential backoff; finished jobs kept for a while for bull-board. */
export function defaultJobOptions(config: Pick<AppConfig, 'QUEUE_ATTEMPTS' | 'QUEUE_BACKOFF_MS'>): DefaultJobOptions {
  return {
    attempts: config.QUEUE_ATTEMPTS,
    backoff: { type: 'exponential', delay: config.QUEUE_BACKOFF_MS },
    removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
}

/** ioredis options from REDIS_URL (db index from the path, e.g. redis://127.0.0.1:6379/2). */
export function redisConnection(config: Pick<AppConfig, 'REDIS_URL'>): RedisOptions {
  const url = new URL(config.REDIS_URL);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    db: Number.isInteger(db) ? db : 0,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ workers need this; it also lets producers ride out a short Redis restart.
    maxRetriesPerRequest: null,
  };
}

/**
 * Connection options for producers that answer users (the API): with Redis down, a command fails at
 * once instead of waiting in ioredis' offline queue until Redis returns (BullMQ "failing fast when
 * Redis is down"); the connection still reconnects by itself. Workers keep redisConnection().
 */
export function producerConnection(config: Pick<AppConfig, 'REDIS_URL'>): RedisOptions {
  return { ...redisConnection(config), enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: ENQUEUE_TIMEOUT_MS };
}

/** Longest a producer waits for Redis to take a job before keeping it in the database (pending_job). */
export const ENQUEUE_TIMEOUT_MS = 2000;

/** Shared BullMQ root options (connection + prefix) for BullModule.forRoot. */
export function bullRootOptions(config: AppConfig) {
  return { connection: redisConnection(config), prefix: config.REDIS_PREFIX, defaultJobOptions: defaultJobOptions(config) };
}

/** Checks that Redis answers (PING) within timeoutMs; throws a message naming REDIS_URL otherwise. */
export async function pingRedis(config: Pick<AppConfig, 'REDIS_URL'>, timeoutMs = 3000): Promise<void> {
  const { Redis } = await import('ioredis');
  const client = new Redis({ ...redisConnection(config), maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true, connectTimeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(`无法连接 Redis(REDIS_URL=${config.REDIS_URL}):${(error as Error).message}。请启动 redis-server,或用 npm start 自动启动本机 Redis。`);
  } finally {
    client.disconnect();
  }
}

/**
 * Listens to a queue's connection errors (without a listener BullMQ prints each retry to the console)
 * and reports them through `warn` at most once a minute per queue.
 */
export function reportQueueErrors(queue: { name: string; on(event: 'error', listener: (error: Error) => void): unknown }, warn: (message: string) => void): void {
  let last = 0;
  queue.on('error', (error: Error) => {
    const now = Date.now();
    if (now - last < 60_000) return;
    last = now;
    warn(`queue ${queue.name}: ${error.message} (Redis unreachable? retrying)`);
  });
}
