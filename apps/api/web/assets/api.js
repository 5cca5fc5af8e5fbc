// The one place pages talk to the server. Errors carry the server's Chinese messages.
export class ApiError extends Error {
  constructor(status, messages) {
    super(messages.join(';'));
    this.status = status;
    this.messages = messages;
  }
}

function csrfToken() {
  const m = /(?:^|;\s*)duban_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]) : null;
}

let unauthorizedHandler = null;

/** Called on 401: resolves once the user has signed in again, so the request can be retried. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

export async function request(method, path, body, retried = false) {
  const headers = { Accept: 'application/json' };
  let payload = body;
  if (body !== undefined && !(body instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const token = csrfToken();
  if (token && method !== 'GET') headers['X-CSRF-Token'] = token;
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, ['无法连接服务器,请检查网络后重试。']);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  if (response.status === 401 && unauthorizedHandler && !retried && path !== '/api/auth/login') {
    await unauthorizedHandler();
    return request(method, path, body, true);
  }
  if (!response.ok) {
    const raw = data && typeof data === 'object' ? data.message : null;
    const messages = Array.isArray(raw) ? raw : raw ? [String(raw)] : [`请求失败(${response.status})`];
    throw new ApiError(response.status, messages);
  }
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body);

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
