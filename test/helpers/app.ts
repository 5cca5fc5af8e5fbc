import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../apps/api/src/app.js';
import type { TestDatabase } from './database.js';

export interface RunningApp {
  app: INestApplication;
  baseUrl: string;
  /** GET a path; returns status and parsed JSON (or text). */
  get(path: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** Boots the API on a free port of 127.0.0.1 against the suite's database. */
export async function startApp(db: TestDatabase): Promise<RunningApp> {
  const app = await createApp(db.config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    baseUrl,
    async get(path: string) {
      const response = await fetch(baseUrl + path);
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body };
    },
    close: () => app.close(),
  };
}
