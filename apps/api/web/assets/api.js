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
const NO_SIGN_IN_RETRY = new Set(['/api/auth/login', '/api/auth/password']);

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
  // A wrong password on sign-in or on 修改密码 is a 401 too: that is an answer, not an expired session.
  if (response.status === 401 && unauthorizedHandler && !retried && !NO_SIGN_IN_RETRY.has(path)) {
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
export const put = (path, body) => request('PUT', path, body);
export const patch = (path, body) => request('PATCH', path, body);

/** Fetches a file (GET or POST with a JSON body) and saves it under the given name. */
export async function download(method, path, body, fileName, retried = false) {
  const headers = {};
  const token = csrfToken();
  if (token && method !== 'GET') headers['X-CSRF-Token'] = token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, ['无法连接服务器,请检查网络后重试。']);
  }
  if (response.status === 401 && unauthorizedHandler && !retried) {
    await unauthorizedHandler();
    return download(method, path, body, fileName, true);
  }
  if (!response.ok) {
    let messages = [`下载失败(${response.status})`];
    try {
      const data = await response.json();
      if (data?.message) messages = Array.isArray(data.message) ? data.message : [String(data.message)];
    } catch {
      // not JSON
    }
    throw new ApiError(response.status, messages);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
