import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../apps/api/src/app.js';
import { TEST_ADMIN_PASSWORD, type TestDatabase } from './database.js';

export interface HttpResult {
  status: number;
  body: any;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  /** Bearer token; default: the admin's. null = no Authorization header. */
  token?: string | null;
  headers?: Record<string, string>;
}

export interface RunningApp {
  app: INestApplication;
  baseUrl: string;
  /** Bearer token of the account "admin", signed in at start (a suite that moves its clock past the session may sign in again and replace it). */
  adminToken: string;
  /** GET a path as admin; returns status and parsed JSON (or text). */
  get(path: string): Promise<{ status: number; body: any }>;
  /** Any request, JSON body, as admin unless another token (or none) is given. */
  request(method: string, path: string, options?: RequestOptions): Promise<HttpResult>;
  /** POST /api/auth/login; returns the bearer token (throws unless 200). */
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

async function parse(response: Response): Promise<HttpResult> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers };
}

/** Boots the API on a free port of 127.0.0.1 against the suite's database and signs in as admin. */
export async function startApp(db: TestDatabase): Promise<RunningApp> {
  const app = await createApp(db.config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const request = async (method: string, path: string, options: RequestOptions = {}, token?: string | null): Promise<HttpResult> => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: FormData | string | undefined;
    if (options.body instanceof FormData) body = options.body;
    else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    return parse(await fetch(baseUrl + path, { method, headers, body }));
  };
  const login = async (username: string, password: string): Promise<string> => {
    const result = await request('POST', '/api/auth/login', { body: { username, password } });
    if (result.status !== 200) throw new Error(`login ${username}: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body.token as string;
  };
  const running: RunningApp = {
    app,
    baseUrl,
    adminToken: await login('admin', db.env.DUBAN_ADMIN_PASSWORD ?? TEST_ADMIN_PASSWORD),
    async get(path: string) {
      const { status, body } = await request('GET', path, {}, running.adminToken);
      return { status, body };
    },
    request: (method, path, options = {}) => request(method, path, options, options.token === undefined ? running.adminToken : options.token),
    login,
    close: () => app.close(),
  };
  return running;
}
