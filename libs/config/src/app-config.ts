import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { resolve } from 'node:path';

/**
 * Every setting duban reads from the environment, validated once at boot.
 * Nothing else in the code base reads process.env.
 */
export class AppConfig {
  /** postgres://user@host:5432/db switches from the embedded SQLite file to PostgreSQL. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// (leave it unset for SQLite)' })
  DATABASE_URL?: string;

  /** PostgreSQL only: schema holding duban's tables (default: the server's search_path, normally "public"). */
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL identifier (letters, digits, _)' })
  DATABASE_SCHEMA?: string;

  /**
   * How long a write waits for a lock another connection or process holds (SQLite's busy timeout,
   * PostgreSQL's lock_timeout and the wait for a pooled connection) before the request fails with
   * a retryable 503 "数据库繁忙".
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 5000 : Number(value)))
  @IsInt({ message: 'DATABASE_LOCK_TIMEOUT_MS must be a whole number' })
  @Min(100)
  DATABASE_LOCK_TIMEOUT_MS: number = 5000;

  /** PostgreSQL only: longest a statement may run (statement_timeout) before it is cancelled (503). */
  @Transform(({ value }) => (value === undefined || value === '' ? 30000 : Number(value)))
  @IsInt({ message: 'DATABASE_STATEMENT_TIMEOUT_MS must be a whole number' })
  @Min(100)
  DATABASE_STATEMENT_TIMEOUT_MS: number = 30000;

  /** Folder for the SQLite file, uploads and generated files. */
  @IsString()
  DUBAN_DATA_DIR: string = 'data';

  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  /** Import seeds/*.txt when the database holds no plan yet. */
  @IsIn(['true', 'false'], { message: 'DUBAN_IMPORT_SEEDS must be true or false' })
  DUBAN_IMPORT_SEEDS: string = 'true';

  @IsString()
  DUBAN_SEEDS_DIR: string = 'seeds';

  @IsIn(['error', 'warn', 'log', 'debug'], { message: 'LOG_LEVEL must be one of error, warn, log, debug' })
  LOG_LEVEL: string = 'log';

  // --- Queue, mail and reminders (issue 4) ---

  /** Redis for the BullMQ queues; `npm start` starts a local redis-server when none answers here. */
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** Key prefix of duban's queues in Redis (several installations can share one Redis). */
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'REDIS_PREFIX must be 1-40 letters, digits, _ or -' })
  REDIS_PREFIX: string = 'duban';

  /** smtp://user:pass@host:587 or smtps://...; unset = mail goes to the outbox (data/outbox/*.eml). */
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM: string = '督办系统 <duban@localhost>';

  /** At most this many mails a minute over SMTP (BullMQ limiter). */
  @Transform(({ value }) => (value === undefined || value === '' ? 60 : Number(value)))
  @IsInt({ message: 'MAIL_RATE_PER_MINUTE must be a whole number' })
  @Min(1)
  MAIL_RATE_PER_MINUTE: number = 60;

  /**
   * Mail jobs kept waiting in Redis at most: the notification log in the database is the outbox,
   * and the mail worker adds the next ones as these go out (a go-live scan may record 40,000).
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 1000 : Number(value)))
  @IsInt({ message: 'MAIL_QUEUE_WINDOW must be a whole number' })
  @Min(10)
  MAIL_QUEUE_WINDOW: number = 1000;

  /** Address users open duban at: links in mails. */
  @Matches(/^https?:\/\//, { message: 'DUBAN_PUBLIC_URL must start with http:// or https://' })
  DUBAN_PUBLIC_URL: string = 'http://localhost:3000';

  /** Extra coordinator addresses (comma-separated), besides active coordinator users with an e-mail. */
  @IsOptional()
  @IsString()
  DUBAN_COORDINATOR_EMAILS?: string;

  /** Mail also goes to the responsible users: the active users of each department addressed who have an e-mail. */
  @IsIn(['true', 'false'], { message: 'DUBAN_MAIL_USERS must be true or false' })
  DUBAN_MAIL_USERS: string = 'false';

  /** Fixed "now" (ISO 8601) for demos and tests; unset = the system clock. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, { message: 'DUBAN_CLOCK must be an ISO instant such as 2026-10-09T09:00:00+08:00' })
  DUBAN_CLOCK?: string;

  /** Reminder rules as JSON over the defaults, e.g. {"beforeDays":[7,1],"overdueEvery":3}. */
  @IsOptional()
  @IsString()
  DUBAN_REMINDER_RULES?: string;

  /** Extra holidays / make-up workdays as JSON {"holidays":[...],"workdays":[...]} on top of chinese-days. */
  @IsOptional()
  @IsString()
  DUBAN_CALENDAR_OVERRIDES?: string;

  /** Retries of a failing job, and the first backoff delay (doubling each time). */
  @Transform(({ value }) => (value === undefined || value === '' ? 10 : Number(value)))
  @IsInt({ message: 'QUEUE_ATTEMPTS must be a whole number' })
  @Min(1)
  QUEUE_ATTEMPTS: number = 10;

  @Transform(({ value }) => (value === undefined || value === '' ? 30000 : Number(value)))
  @IsInt({ message: 'QUEUE_BACKOFF_MS must be a whole number' })
  @Min(1)
  QUEUE_BACKOFF_MS: number = 30000;

  /** Job lock: a job whose worker died is picked up again after this long (stalled-job recovery). */
  @Transform(({ value }) => (value === undefined || value === '' ? 30000 : Number(value)))
  @IsInt({ message: 'QUEUE_LOCK_MS must be a whole number' })
  @Min(500)
  QUEUE_LOCK_MS: number = 30000;

  /** Cron patterns (Asia/Shanghai) of the Job Schedulers. */
  @IsString()
  REMINDER_SCAN_CRON: string = '0 * * * *';

  @IsString()
  MONTHLY_REPORT_CRON: string = '0 8 1 * *';

  @IsString()
  REPORT_DUTY_CRON: string = '30 9 * * *';

  // --- Accounts and department workflow (issue 3) ---

  /** Password of the account "admin" created on first start; unset = a generated one is printed once. */
  @IsOptional()
  @IsString()
  DUBAN_ADMIN_PASSWORD?: string;

  /** Sign-in sessions (cookie and login token) last this many hours. */
  @Transform(({ value }) => (value === undefined || value === '' ? 12 : Number(value)))
  @IsInt({ message: 'DUBAN_SESSION_HOURS must be a whole number' })
  @Min(1)
  DUBAN_SESSION_HOURS: number = 12;

  /** Sign-in sessions one user may hold at once; signing in beyond it ends the oldest (GitLab-style). */
  @Transform(({ value }) => (value === undefined || value === '' ? 10 : Number(value)))
  @IsInt({ message: 'DUBAN_MAX_SESSIONS must be a whole number' })
  @Min(1)
  @Max(1000)
  DUBAN_MAX_SESSIONS: number = 10;

  /** Lifetime of a personal API token when its creator gives none, in days. */
  @Transform(({ value }) => (value === undefined || value === '' ? 90 : Number(value)))
  @IsInt({ message: 'DUBAN_TOKEN_DAYS must be a whole number' })
  @Min(1)
  DUBAN_TOKEN_DAYS: number = 90;

  /** Longest lifetime a personal API token may be given, in days (at least DUBAN_TOKEN_DAYS). */
  @Transform(({ value }) => (value === undefined || value === '' ? 365 : Number(value)))
  @IsInt({ message: 'DUBAN_TOKEN_MAX_DAYS must be a whole number' })
  @Min(1)
  @Max(3650)
  DUBAN_TOKEN_MAX_DAYS: number = 365;

  /** Traffic light: yellow when the deadline is within this many working days. */
  @Transform(({ value }) => (value === undefined || value === '' ? 5 : Number(value)))
  @IsInt({ message: 'DUBAN_WARN_WORKING_DAYS must be a whole number' })
  @Min(0)
  DUBAN_WARN_WORKING_DAYS: number = 5;

  /** An uploaded plan document is parsed in a worker thread, stopped after this many seconds. */
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt({ message: 'DUBAN_IMPORT_TIMEOUT_S must be a whole number' })
  @Min(1)
  DUBAN_IMPORT_TIMEOUT_S: number = 30;

  /** Heap of that worker, and the most the process may grow while it parses, in MB. */
  @Transform(({ value }) => (value === undefined || value === '' ? 512 : Number(value)))
  @IsInt({ message: 'DUBAN_IMPORT_MEMORY_MB must be a whole number' })
  @Min(64)
  DUBAN_IMPORT_MEMORY_MB: number = 512;

  /** Largest progress-report attachment, in MB. */
  @Transform(({ value }) => (value === undefined || value === '' ? 10 : Number(value)))
  @IsInt({ message: 'DUBAN_UPLOAD_MAX_MB must be a whole number' })
  @Min(1)
  DUBAN_UPLOAD_MAX_MB: number = 10;

  /**
   * Behind a reverse proxy or load balancer: which proxies to believe about the client's address
   * (X-Forwarded-For), as Express's "trust proxy": loopback, a subnet list such as 10.0.0.0/8,
   * or a number of hops. Unset = the socket's address (a client cannot fake its address, but
   * behind a proxy every user shares the proxy's address for login slowing).
   */
  @IsOptional()
  @Matches(/^(loopback|linklocal|uniquelocal|\d{1,2}|[0-9a-fA-F.:/]+)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+))*$/, {
    message: 'DUBAN_TRUST_PROXY must be loopback, linklocal, uniquelocal, addresses or subnets (comma-separated), or a number of hops',
  })
  DUBAN_TRUST_PROXY?: string;

  get databaseType(): 'sqlite' | 'postgres' {
    return this.DATABASE_URL ? 'postgres' : 'sqlite';
  }

  /** Limits of parseDocumentIsolated. */
  get importLimits(): { timeoutMs: number; maxMemoryMb: number } {
    return { timeoutMs: this.DUBAN_IMPORT_TIMEOUT_S * 1000, maxMemoryMb: this.DUBAN_IMPORT_MEMORY_MB };
  }

  get dataDir(): string {
    return resolve(this.DUBAN_DATA_DIR);
  }

  get sqlitePath(): string {
    return resolve(this.dataDir, 'duban.sqlite');
  }
}

export class ConfigError extends Error {}

/** Optional settings without a default (not own properties of a new AppConfig). */
const OPTIONAL_KEYS = ['SMTP_URL', 'DUBAN_COORDINATOR_EMAILS', 'DUBAN_CLOCK', 'DUBAN_REMINDER_RULES', 'DUBAN_CALENDAR_OVERRIDES', 'DUBAN_ADMIN_PASSWORD', 'DUBAN_TRUST_PROXY'];

/** Builds the config from an environment (process.env by default); throws naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const picked: Record<string, string> = {};
  for (const key of [...known, 'DATABASE_URL', 'DATABASE_SCHEMA', ...OPTIONAL_KEYS]) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const config = plainToInstance(AppConfig, picked);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return config;
}
