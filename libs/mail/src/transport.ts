import type { AppConfig } from '#config';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';

/** A rendered mail, addressed. */
export interface OutgoingMail {
  /** Notification key: also the Message-ID, so a resend after a crash is recognisably the same mail. */
  key: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  text: string;
  /** Absolute paths of files to attach. */
  attachments: string[];
}

export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export function messageIdOf(key: string): string {
  return `<${key}@duban>`;
}

function toNodemailer(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    cc: mail.cc.length ? mail.cc : undefined,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: messageIdOf(mail.key),
    attachments: mail.attachments.map((path) => ({ path, filename: path.split(/[\\/]/).pop() })),
  };
}

/** nodemailer over SMTP (SMTP_URL). */
export class SmtpTransport implements MailTransport {
  readonly kind = 'smtp' as const;
  private readonly transporter;

  constructor(url: string) {
    // No pooled connections: each job stands on its own, and a refused connection fails just that job.
    this.transporter = nodemailer.createTransport(url);
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const info = await this.transporter.sendMail(toNodemailer(mail));
    return { messageId: String(info.messageId ?? messageIdOf(mail.key)) };
  }

  close(): void {
    this.transporter.close();
  }
}

/** One stored message of the outbox. */
export interface OutboxEntry {
  key: string;
  file: string;
  to: string[];
  cc: string[];
  subject: string;
  storedAt: string;
  size: number;
}

/**
 * The embedded default when no SMTP server is configured: each message is built by nodemailer
 * and written as an .eml file (plus a small .json index entry) under data/outbox/.
 * The file name is the notification key, so storing the same mail again replaces it.
 */
export class OutboxTransport implements MailTransport {
  readonly kind = 'outbox' as const;
  private readonly builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const info = await this.builder.sendMail(toNodemailer(mail));
    await mkdir(this.dir, { recursive: true });
    const base = safeFileName(mail.key);
    const eml = info.message as Buffer;
    await writeFile(join(this.dir, `${base}.eml`), eml);
    const entry: OutboxEntry = {
      key: mail.key,
      file: `${base}.eml`,
      to: mail.to,
      cc: mail.cc,
      subject: mail.subject,
      storedAt: this.now().toISOString(),
      size: eml.length,
    };
    await writeFile(join(this.dir, `${base}.json`), JSON.stringify(entry));
    return { messageId: messageIdOf(mail.key) };
  }

  close(): void {}
}

export function safeFileName(key: string): string {
  return key.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function outboxDir(config: Pick<AppConfig, 'dataDir'>): string {
  return resolve(config.dataDir, 'outbox');
}

/** The outbox, newest first. */
export async function listOutbox(dir: string): Promise<OutboxEntry[]> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return [];
  }
  const entries = await Promise.all(
    files.filter((f) => f.endsWith('.json')).map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as OutboxEntry),
  );
  return entries.sort((a, b) => (a.storedAt < b.storedAt ? 1 : a.storedAt > b.storedAt ? -1 : a.key.localeCompare(b.key)));
}

/** SMTP when SMTP_URL is set, else the outbox under the data folder. */
export function createMailTransport(config: AppConfig, now: () => Date): MailTransport {
  return config.SMTP_URL ? new SmtpTransport(config.SMTP_URL) : new OutboxTransport(outboxDir(config), now);
}
