// The one place pages talk to the server: a small typed fetch wrapper. Errors carry the server's
// answer as data: its Chinese messages, its code and the errors of each field (ApiErrorBody).
import type { ApiErrorBody, ErrorCode, FieldError } from '../../../libs/contracts/src/index.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Every message: the field errors' and those for the request as a whole. */
    readonly messages: string[],
    readonly fieldErrors: readonly FieldError[] = [],
    readonly code?: ErrorCode,
  ) {
    super(messages.join(';'));
  }

  /** A refusal the page itself makes about one of its fields (e.g. two passwords that differ). */
  static forField(field: string, fieldLabel: string, message: string): ApiError {
    return new ApiError(400, [message], [{ field, fieldLabel, code: 'invalid', message }], 'invalid_request');
  }

  /** The messages that concern no field: the form's summary. */
  get general(): string[] {
    const fielded = new Set(this.fieldErrors.map((e) => e.message));
    return this.messages.filter((m) => !fielded.has(m));
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Body = FormData | object | undefined;

function csrfToken(): string | null {
  const m = /(?:^|;\s*)duban_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1] ?? '') : null;
}

let unauthorizedHandler: (() => Promise<void>) | null = null;
const NO_SIGN_IN_RETRY = new Set(['/api/auth/login', '/api/auth/password']);

/** Called on 401: resolves once the user has signed in again, so the request can be retried. */
export function onUnauthorized(handler: () => Promise<void>): void {
  unauthorizedHandler = handler;
}

function messagesOf(data: unknown, fallback: string): string[] {
  const raw = data && typeof data === 'object' ? (data as Partial<ApiErrorBody>).message : null;
  return Array.isArray(raw) ? raw.map(String) : raw ? [String(raw)] : [fallback];
}

/** The server's error answer as an ApiError (a body that is no ApiErrorBody still gives its status and a message). */
export function apiErrorOf(status: number, data: unknown, fallback: string): ApiError {
  const body = data && typeof data === 'object' ? (data as Partial<ApiErrorBody>) : {};
  const errors = Array.isArray(body.errors) ? body.errors.filter((e): e is FieldError => typeof e?.field === 'string' && typeof e.message === 'string') : [];
  return new ApiError(status, messagesOf(data, fallback), errors, body.code);
}

async function send(method: Method, path: string, body: Body, accept: string | null): Promise<Response> {
  const headers: Record<string, string> = {};
  if (accept) headers.Accept = accept;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const token = csrfToken();
  if (token && method !== 'GET') headers['X-CSRF-Token'] = token;
  try {
    return await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, ['无法连接服务器,请检查网络后重试。']);
  }
}

export async function request<T>(method: Method, path: string, body?: Body, retried = false): Promise<T> {
  const response = await send(method, path, body, 'application/json');
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  // A wrong password on sign-in or on 修改密码 is a 401 too: that is an answer, not an expired session.
  if (response.status === 401 && unauthorizedHandler && !retried && !NO_SIGN_IN_RETRY.has(path)) {
    await unauthorizedHandler();
    return request<T>(method, path, body, true);
  }
  if (!response.ok) throw apiErrorOf(response.status, data, `请求失败(${response.status})`);
  return data as T;
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body?: Body) => request<T>('POST', path, body);
export const put = <T>(path: string, body?: Body) => request<T>('PUT', path, body);
export const patch = <T>(path: string, body?: Body) => request<T>('PATCH', path, body);
export const del = <T>(path: string) => request<T>('DELETE', path);

/** Fetches a file (GET, or POST with a JSON body) and saves it under the given name. */
export async function download(method: 'GET' | 'POST', path: string, body: object | undefined, fileName: string, retried = false): Promise<void> {
  const response = await send(method, path, body, null);
  if (response.status === 401 && unauthorizedHandler && !retried) {
    await unauthorizedHandler();
    return download(method, path, body, fileName, true);
  }
  if (!response.ok) {
    let data: unknown = null;
    try {
      data = await response.json();
    } catch {
      // not JSON
    }
    throw apiErrorOf(response.status, data, `下载失败(${response.status})`);
  }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A query string from the non-empty values: "?a=1&b=x", or "". */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The messages of an error, for a toast or an error box. */
export function messagesOfError(error: unknown, fallback: string): string[] {
  if (error instanceof ApiError) return error.messages;
  console.error(error);
  return [fallback];
}
