// The simulated users of test/load.e2e-spec.ts, run as a plain Node process of their own (not inside
// jest's module sandbox, where new connections were opened one at a time under load, which measured
// the test runner instead of the API). Usage: node load-users.mjs <input.json> <output.json>
//
// Input: { baseUrl, durationMs, periods, users: [{ name, role, token, departmentId, items, leadItems }] }.
// Output: what the users saw: samples (action, ms, status), failures, 409 count, and a ledger of the
// writes answered 2xx (status changes per item and user, report saves by text, submissions, urges).
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

const [input, output] = process.argv.slice(2);
const { baseUrl, durationMs, periods, users } = JSON.parse(readFileSync(input, 'utf8'));
/** Attempts of one action: the first and up to three after a 409 and a re-read. */
const ATTEMPTS = 4;

const samples = [];
const failures = [];
let conflicts = 0;
const transitions = {};
const reportSaves = {};
const refusedTexts = [];
const reportSubmits = {};
const urges = [];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rng, list) => list[Math.floor(rng() * list.length)];

/** One request on the user's own kept-alive connection (like a browser). */
function send(agent, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = request(baseUrl + path, { method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function call(user, action, method, path, body) {
  const headers = { authorization: `Bearer ${user.token}` };
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  let status = 0;
  try {
    const response = await send(user.agent, method, path, headers, payload);
    status = response.status;
    let parsed = response.text;
    try {
      parsed = JSON.parse(response.text);
    } catch {
      // not JSON
    }
    if (status === 409) conflicts++;
    else if (status >= 300) failures.push(`${action} ${method} ${path} by ${user.name}: ${status} ${response.text.slice(0, 300)}`);
    return { status, body: parsed };
  } catch (error) {
    failures.push(`${action} ${method} ${path} by ${user.name}: network error ${error.message}`);
    return null;
  } finally {
    samples.push({ action, ms: performance.now() - started, status });
  }
}

let counter = 0;

/** Saves a draft of the department's report (creating it, or at the version read), then maybe submits it. */
async function reportFlow(u, rng) {
  const itemId = pick(rng, u.items);
  const period = pick(rng, periods);
  const key = `${itemId}|${u.departmentId}|${period}`;
  const reread = async () => {
    const list = await call(u, 'report.read', 'GET', `/api/progress-reports?item=${itemId}&period=${period}&department=${u.departmentId}`);
    return Array.isArray(list?.body) ? (list.body.find((r) => r.departmentId === u.departmentId) ?? null) : null;
  };
  let version;
  let saved = false;
  for (let attempt = 0; attempt < ATTEMPTS && !saved; attempt++) {
    const text = `${u.name} 第${++counter}次填写:推进质量提升工作`;
    const answer = await call(u, 'report.save', 'PUT', `/api/items/${itemId}/reports/${period}`, { text, percent: Math.floor(rng() * 100), ...(version === undefined ? {} : { version }) });
    if (answer?.status === 200) {
      (reportSaves[key] ??= []).push(text);
      version = answer.body.version;
      saved = true;
      continue;
    }
    refusedTexts.push(text);
    if (answer?.status !== 409) return;
    const current = await reread();
    if (current === null) version = undefined;
    else if (current.state === 'submitted') return;
    else version = current.version;
  }
  if (!saved || rng() < 0.5) return;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const answer = await call(u, 'report.submit', 'POST', `/api/items/${itemId}/reports/${period}/submit`, { version });
    if (answer?.status === 200) {
      reportSubmits[key] = (reportSubmits[key] ?? 0) + 1;
      return;
    }
    if (answer?.status !== 409) return;
    const current = await reread();
    if (current === null || current.state === 'submitted') return;
    version = current.version;
  }
}

/** Reads an item and moves its status one step at the version read; after a 409 reads again and decides again. */
async function statusFlow(u, rng, itemId) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const item = await call(u, 'item', 'GET', `/api/items/${itemId}`);
    if (item?.status !== 200) return;
    const { status, version } = item.body;
    let body = null;
    if (u.role === 'editor') {
      body = status === '未启动' ? { action: 'start' } : status === '推进中' ? { action: 'complete', reason: '已按计划完成' } : null;
    } else if (status === '已完成(待审核)') {
      body = rng() < 0.1 ? { action: 'close', reason: '同意销号' } : { action: 'return', reason: '佐证材料不全,请补充' };
    } else if (status === '暂缓') {
      body = { action: 'resume' };
    } else if (status === '未启动' || status === '推进中') {
      body = rng() < 0.2 ? { action: 'suspend', reason: '等待上级部署' } : status === '未启动' ? { action: 'start' } : { action: 'complete', reason: '已按计划完成' };
    }
    if (body === null) return;
    const answer = await call(u, 'transition', 'POST', `/api/items/${itemId}/transitions`, { ...body, version });
    if (answer?.status === 200) {
      const byUser = (transitions[itemId] ??= {});
      byUser[u.name] = (byUser[u.name] ?? 0) + 1;
      return;
    }
    if (answer?.status !== 409) return;
  }
}

async function editorLoop(u, rng, deadline) {
  while (Date.now() < deadline) {
    const r = rng();
    if (r < 0.2) await call(u, 'workbench', 'GET', '/api/dashboard/workbench');
    else if (r < 0.35) await call(u, 'item', 'GET', `/api/items/${pick(rng, u.items)}`);
    else if (r < 0.45) {
      if (rng() < 0.5) await call(u, 'list', 'GET', `/api/items?department=${u.departmentId}&pageSize=20`);
      else await call(u, 'list', 'GET', `/api/progress-reports?item=${pick(rng, u.items)}`);
    } else if (r < 0.75) await reportFlow(u, rng);
    else await statusFlow(u, rng, pick(rng, u.leadItems));
  }
}

async function coordinatorLoop(u, rng, deadline) {
  while (Date.now() < deadline) {
    const r = rng();
    if (r < 0.2) await call(u, 'overview', 'GET', '/api/dashboard/summary');
    else if (r < 0.35) await call(u, 'list', 'GET', '/api/dashboard/items?pageSize=50&sort=deadline');
    else if (r < 0.5) await call(u, 'audit', 'GET', `/api/items/${pick(rng, u.items)}/audit?pageSize=50`);
    else if (r < 0.7) {
      const answer = await call(u, 'urge', 'POST', `/api/items/${pick(rng, u.items)}/urges`, { message: `请于本周内报送进展(${u.name})`, includeCo: rng() < 0.5 });
      if (answer?.status === 201) urges.push(answer.body.id);
    } else await statusFlow(u, rng, pick(rng, u.items));
  }
}

const started = Date.now();
const deadline = started + durationMs;
await Promise.all(
  users.map((user, i) => {
    const u = { ...user, agent: new Agent({ keepAlive: true, maxSockets: 1 }) };
    const rng = mulberry32(i + 1);
    return (u.role === 'editor' ? editorLoop(u, rng, deadline) : coordinatorLoop(u, rng, deadline)).finally(() => u.agent.destroy());
  }),
);
const elapsedMs = Date.now() - started;
writeFileSync(output, JSON.stringify({ elapsedMs, samples, failures, conflicts, transitions, reportSaves, refusedTexts, reportSubmits, urges }));
