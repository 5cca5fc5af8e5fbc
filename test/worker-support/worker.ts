// Boots the worker in-process against the suite's database, Redis and SMTP server, with a FixedClock.
import { type AppConfig, loadConfig } from '#config';
import { Assignment, Department, FixedClock, Item, Plan, shanghaiInstant, User } from '#domain';
import { JOBS, QUEUES } from '#queue';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue, QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import type { TestDatabase } from '../helpers/database.js';

export interface RunningWorker {
  app: INestApplicationContext;
  config: AppConfig;
  clock: FixedClock;
  dataSource: DataSource;
  queue(name: string): Queue;
  /** Adds a job and waits until it finished. */
  run(queue: string, name: string, data?: object): Promise<unknown>;
  /** Waits until the mail queue has nothing waiting, active or delayed. */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function workerEnv(db: TestDatabase, redisUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...db.env,
    REDIS_URL: redisUrl,
    QUEUE_BACKOFF_MS: '50',
    QUEUE_LOCK_MS: '1000',
    MAIL_RATE_PER_MINUTE: '100000',
    DUBAN_PUBLIC_URL: 'http://duban.test',
    LOG_LEVEL: 'error',
    ...extra,
  };
}

export async function startWorker(env: Record<string, string>, start: Date): Promise<RunningWorker> {
  const config = loadConfig(env);
  const clock = new FixedClock(start);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { clock }), { logger: ['error'] });
  await app.init();
  const events = new Map<string, QueueEvents>();
  const connection = { url: config.REDIS_URL };
  const queueEvents = async (name: string) => {
    if (!events.has(name)) {
      const qe = new QueueEvents(name, { connection, prefix: config.REDIS_PREFIX });
      await qe.waitUntilReady();
      events.set(name, qe);
    }
    return events.get(name)!;
  };
  const queue = (name: string) => app.get<Queue>(getQueueToken(name));
  return {
    app,
    config,
    clock,
    dataSource: app.get(DataSource),
    queue,
    async run(name, jobName, data = {}) {
      const qe = await queueEvents(name);
      const job = await queue(name).add(jobName, data);
      return job.waitUntilFinished(qe, 20_000);
    },
    async drain(timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const counts = await Promise.all([QUEUES.mail, QUEUES.urge].map((q) => queue(q).getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
        if (counts.every((c) => Object.values(c).every((n) => n === 0))) return;
        if (Date.now() > until) throw new Error(`queues not drained: ${JSON.stringify(counts)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      for (const qe of events.values()) await qe.close();
      await app.close();
    },
  };
}

export { JOBS, QUEUES, shanghaiInstant };

/** Every calendar day from `from` to `to` (YYYY-MM-DD), both included. */
export function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}

/** Seeds one plan with departments, items and assignments. */
export async function seedPlan(
  ds: DataSource,
  spec: {
    departments: { name: string; contactEmails: string[] }[];
    items: { number: string; title: string; deadline: string | null; lead: string; co?: string[]; status?: string }[];
    coordinatorEmail?: string;
  },
): Promise<{ plan: Plan; departments: Map<string, Department>; items: Map<string, Item>; user: User }> {
  const plan = await ds.getRepository(Plan).save(
    ds.getRepository(Plan).create({
      title: '2026年质量强市工作要点',
      issuer: '质量强市办',
      docNumber: null,
      issued: '2026-03-01',
      sourceFileName: 'seed.txt',
      sha256: 'a'.repeat(64),
      version: 1,
      seriesKey: '2026年质量强市工作要点',
      current: true,
      supersededById: null,
      warnings: [],
    }),
  );
  const departments = new Map<string, Department>();
  for (const d of spec.departments) {
    departments.set(d.name, await ds.getRepository(Department).save(ds.getRepository(Department).create({ name: d.name, contactEmails: d.contactEmails.length ? d.contactEmails : null })));
  }
  const items = new Map<string, Item>();
  let order = 0;
  for (const i of spec.items) {
    const item = await ds.getRepository(Item).save(
      ds.getRepository(Item).create({
        planId: plan.id,
        parentId: null,
        number: i.number,
        normalizedNumber: i.number,
        order: order++,
        level: 2,
        path: ['二、重点任务'],
        title: i.title,
        body: `${i.number}.${i.title}。`,
        kind: 'task',
        sourceLineStart: null,
        sourceLineEnd: null,
        status: i.status ?? '推进中',
        dueText: i.deadline ? `${i.deadline}前` : '持续推进',
        deadline: i.deadline,
      }),
    );
    items.set(i.number, item);
    await ds.getRepository(Assignment).save({ itemId: item.id, departmentId: departments.get(i.lead)!.id, role: 'lead' as const });
    for (const co of i.co ?? []) await ds.getRepository(Assignment).save({ itemId: item.id, departmentId: departments.get(co)!.id, role: 'co' as const });
  }
  const user = await ds.getRepository(User).save(
    ds.getRepository(User).create({
      username: 'office',
      displayName: '质量强市办',
      passwordHash: 'x',
      role: 'coordinator',
      departmentId: null,
      email: spec.coordinatorEmail ?? null,
      active: true,
    }),
  );
  return { plan, departments, items, user };
}

