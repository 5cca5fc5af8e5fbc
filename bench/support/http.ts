/** Signing in and driving the API with concurrent HTTP clients (Node's fetch). */

export interface Session {
  /** Headers of a signed-in request: the session cookie, as the web sends it, or a bearer token. */
  headers: Record<string, string>;
  user: { id: number; username: string; role: string; departmentId: number | null };
}

/** POST /api/auth/login; `as` = "cookie" (the web's session cookie) or "bearer" (scripts). */
export async function login(baseUrl: string, username: string, password: string, as: 'cookie' | 'bearer' = 'bearer'): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await res.json()) as { token: string; user: Session['user'] };
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(body)}`);
  if (as === 'bearer') return { headers: { authorization: `Bearer ${body.token}` }, user: body.user };
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  return { headers: { cookie: cookies.join('; ') }, user: body.user };
}

/** GETs a path and checks the status; returns the parsed JSON. */
export async function getJson<T = unknown>(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(baseUrl + path, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Mean response size in kB. */
  kb: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface LoadOptions {
  concurrency: number;
  /** Measure at least this long… */
  seconds: number;
  /** …and at least this many requests (slow endpoints), but never longer than maxSeconds. */
  minRequests?: number;
  maxSeconds?: number;
  /** Requests sent before measuring (JIT, caches, connections). */
  warmup?: number;
}

/**
 * `concurrency` clients, each sending its next request as soon as the last one answered, for the
 * given time; every request is a GET of next(i) with the given headers. Non-200 answers count as errors.
 */
export async function load(baseUrl: string, next: (i: number) => { path: string; headers?: Record<string, string> }, options: LoadOptions): Promise<LoadResult> {
  const once = async (i: number): Promise<{ ms: number; ok: boolean; bytes: number }> => {
    const { path, headers } = next(i);
    const t = process.hrtime.bigint();
    try {
      const res = await fetch(baseUrl + path, { headers });
      const body = await res.arrayBuffer();
      return { ms: Number(process.hrtime.bigint() - t) / 1e6, ok: res.status === 200, bytes: body.byteLength };
    } catch {
      return { ms: Number(process.hrtime.bigint() - t) / 1e6, ok: false, bytes: 0 };
    }
  };
  let counter = 0;
  const warmup = options.warmup ?? options.concurrency * 2;
  await Promise.all(Array.from({ length: Math.min(options.concurrency, warmup) }, async () => {
    while (counter < warmup) await once(counter++);
  }));
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const started = Date.now();
  const minRequests = options.minRequests ?? 0;
  const maxMs = (options.maxSeconds ?? options.seconds * 6) * 1000;
  const done = () => {
    const elapsed = Date.now() - started;
    return elapsed >= maxMs || (elapsed >= options.seconds * 1000 && latencies.length >= minRequests);
  };
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (!done()) {
        const r = await once(counter++);
        latencies.push(r.ms);
        bytes += r.bytes;
        if (!r.ok) errors++;
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    kb: latencies.length ? bytes / latencies.length / 1024 : 0,
  };
}
