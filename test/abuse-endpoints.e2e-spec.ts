// Hostile input against every route of the API's own OpenAPI document (/api/docs-json): seeded-random
// malformed path parameters, query strings and bodies (wrong JSON types, huge strings, deep nesting,
// arrays for objects, nulls, out-of-range numbers, unknown and prototype-polluting keys, unicode oddities,
// invalid JSON, wrong content types, broken multipart), as admin, as a department user (a sample of the
// routes), signed out and by cookie without the CSRF header. No answer may be a 5xx; every 4xx is JSON with
// a Chinese message; afterwards the server still answers /health and Object.prototype is untouched.
// FUZZ_SEED=<n> runs another sequence; FUZZ_TRACE=<file> writes every request with its status; each failure
// names its request so it can be replayed by hand.
import { ApiToken, ExtensionRequest, Indicator, Item, Plan, ProgressReport, ReportAttachment, User } from '#domain';
import { PlanImportService } from '#plan-import';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { rng } from '../bench/generate.js';
import { startApp, type RunningApp } from './helpers/app.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { SEEDS_DIR } from './helpers/gold.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
/** Requests per route as admin, per sampled route as the department user, and how many routes are sampled. */
const ADMIN_CASES = 32;
const EDITOR_CASES = 8;
const EDITOR_ROUTES = 16;
const PASSWORD = 'fuzz-pass-word-1';
const CJK = /[\u4e00-\u9fff]/u;

// ---------------------------------------------------------------------------------------------
// JSON text with values JSON.stringify cannot produce: raw tokens (1e999, -0, lone surrogates)
// and own keys named __proto__ or constructor (a Map keeps them as plain keys).

class Raw {
  constructor(readonly text: string) {}
}
type J = null | boolean | number | string | Raw | J[] | Map<string, J> | { [key: string]: J };

function json(value: J): string {
  if (value instanceof Raw) return value.text;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(json).join(',')}]`;
  const entries = value instanceof Map ? [...value] : Object.entries(value);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${json(v)}`).join(',')}}`;
}

type Random = () => number;
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const nested = (depth: number, kind: 'array' | 'object'): Raw =>
  new Raw(kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

/** Values no field expects (and some it does, in the wrong place). */
const HOSTILE_VALUES: ((r: Random) => J)[] = [
  () => null,
  () => true,
  () => false,
  () => 0,
  () => -1,
  () => 1,
  () => 3,
  () => 1.5,
  () => 2147483648,
  () => -2147483649,
  () => 1e308,
  () => new Raw('9007199254740993'),
  () => new Raw('1e999'),
  () => new Raw('-1e999'),
  () => new Raw('-0'),
  () => '',
  () => '   ',
  () => 'NaN',
  () => 'Infinity',
  () => '1e3',
  () => '0x1F',
  () => '2026-02-30',
  () => '9999-99-99',
  () => '2026-10',
  () => 'x'.repeat(70_000),
  () => '汉'.repeat(30_000),
  () => '\u0000',
  () => 'a\u0000b',
  () => new Raw('"\\ud800x\\udfff"'),
  () => '\u202Eevil\u202C',
  () => '\uFEFF\u200B\u200D',
  () => '\u{20000}\u{1F600}',
  () => '\uFF11\uFF12\uFF13',
  () => '<script>alert(1)</script>',
  () => "' OR 1=1 --",
  () => '../../etc/passwd',
  () => [],
  () => [1, 2, 3],
  () => ['a', null, {}],
  () => Array.from({ length: 5000 }, (_, i) => i),
  () => ({}),
  () => ({ a: { b: { c: {} } } }),
  () => Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, i])),
  () => new Map<string, J>([['__proto__', { polluted: 'yes' }]]),
  () => new Map<string, J>([['constructor', { prototype: { polluted: 'yes' } }]]),
  (r) => nested(pick(r, [64, 2000, 20_000]), pick(r, ['array', 'object'] as const)),
];
const hostile = (r: Random): J => pick(r, HOSTILE_VALUES)(r);

/** Query values, URL-encoded here (raw ones are sent as they are). */
const QUERY_VALUES: (string | Raw)[] = [
  '',
  '-1',
  '0',
  '1.5',
  '1e400',
  '99999999999999999999',
  '2147483648',
  'NaN',
  'Infinity',
  'true',
  'null',
  'undefined',
  "' OR 1=1 --",
  '"; DROP TABLE item; --',
  '%',
  '_',
  '\\',
  '\u0000',
  'x'.repeat(3000),
  '汉字',
  '<script>alert(1)</script>',
  '\uFF11',
  '2026-13-45',
  new Raw('%E0%A4%A'),
  new Raw('%'),
  new Raw('%FF%FE'),
];
const queryValue = (v: string | Raw): string => (v instanceof Raw ? v.text : encodeURIComponent(v));

/** Path segments where an id (or a short code) belongs. */
const PATH_VALUES = [
  '0',
  '-1',
  '2147483648',
  '99999999999999999999',
  'NaN',
  'abc',
  '1.5',
  '1e3',
  '0x10',
  '+1',
  '%201',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '..%5C..%5Cx.txt',
  '%E0%A4%A',
  '%F0%9F%98%80',
  '%EF%BC%91',
  '9'.repeat(300),
  '1%3BDROP%20TABLE%20item',
  "1'--",
  'null',
  '__proto__',
  'constructor',
];

/** Tried on every property of every JSON body, one at a time, the rest of the body as documented. */
const SWEEP: J[] = [
  new Raw('"\\ud800"'),
  new Raw('"x\\udfffy"'),
  'a\u0000b',
  '\u202E\uFEFF',
  '',
  'x'.repeat(5000),
  new Raw('1e999'),
  new Raw('-0'),
  new Raw('9007199254740993'),
  2147483648,
  -1,
  1.5,
  'NaN',
  null,
  true,
  [],
  {},
];


const INVALID_JSON = ['{', '{"a":', '{"a":1,}', "{'a':1}", 'nul', '[1,2', '\u0000', '{"a":1}{"b":2}', '{"a":"\\x"}', '{"a":01}', '\uFEFF{"a":1}', '"unterminated'];

// ---------------------------------------------------------------------------------------------
// The OpenAPI document, as far as this suite reads it.

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  example?: unknown;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}
interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
interface Route {
  method: string;
  path: string;
  op: Operation;
  bodyType: 'json' | 'multipart' | 'none';
  schema: Schema | null;
}

function routesOf(doc: OpenApi): Route[] {
  const routes: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const content = op.requestBody?.content ?? {};
      const bodyType = content['multipart/form-data'] ? 'multipart' : content['application/json'] ? 'json' : 'none';
      const schema = bodyType === 'none' ? null : resolve(doc, (content['application/json'] ?? content['multipart/form-data'])!.schema);
      routes.push({ method: method.toUpperCase(), path, op, bodyType, schema });
    }
  }
  return routes;
}

function resolve(doc: OpenApi, schema: Schema): Schema {
  return schema.$ref ? doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]! : schema;
}

/** A body as the document describes it (its examples), for mutating one part at a time. */
function exampleOf(doc: OpenApi, schema: Schema): J {
  const s = resolve(doc, schema);
  if (s.example !== undefined) return s.example as J;
  if (s.enum?.length) return s.enum[0] as J;
  if (s.properties) return Object.fromEntries(Object.entries(s.properties).map(([k, p]) => [k, exampleOf(doc, p)]));
  if (s.type === 'array') return s.items ? [exampleOf(doc, s.items)] : [];
  if (s.type === 'number' || s.type === 'integer') return 1;
  if (s.type === 'boolean') return true;
  if (s.type === 'object') return {};
  return 'x';
}

// ---------------------------------------------------------------------------------------------
// Requests.

interface Case {
  recipe: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData;
}

interface Outcome {
  status: number;
  failure: string | null;
}

function describeCase(who: string, c: Case): string {
  let body = '';
  if (typeof c.body === 'string') body = c.body.length > 160 ? `${c.body.slice(0, 160)}…(${c.body.length} chars)` : c.body;
  else if (c.body instanceof Uint8Array) body = `<${c.body.length} bytes>`;
  else if (c.body instanceof FormData) {
    const parts = [...c.body.entries()].map(([k, v]) => (typeof v === 'string' ? `${k}=${JSON.stringify(v.slice(0, 60))}` : `${k}:file ${JSON.stringify(v.name.slice(0, 60))}(${v.name.length} chars, ${v.size} bytes)`));
    body = `<form ${parts.join(' ')}>`;
  }
  const url = c.url.length > 200 ? `${c.url.slice(0, 200)}…(${c.url.length} chars)` : c.url;
  return `${who} ${c.method} ${url} [${c.recipe}] ${JSON.stringify(c.headers['content-type'] ?? '')} ${body}`;
}

describe('every endpoint against hostile input', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let doc: OpenApi;
  let editorToken: string;
  /** Ids that exist, by the path segment naming the resource, so a malformed body reaches the code behind the id. */
  const valid: Record<string, string[]> = {};

  beforeAll(async () => {
    db = await createTestDatabase({ DUBAN_CLOCK: '2026-03-02T09:00:00+08:00', DUBAN_SESSION_HOURS: '100000' });
    api = await startApp(db);
    const ds = api.app.get(DataSource);
    const { plan } = await new PlanImportService(ds).importFile(join(SEEDS_DIR, '004_60e92da960188409.txt'));
    const tasks = await ds.getRepository(Item).find({ where: { planId: plan.id, kind: 'task' }, order: { order: 'ASC' }, take: 3 });
    const section = await ds.getRepository(Item).findOneByOrFail({ planId: plan.id, kind: 'section' });

    const made = async (method: string, path: string, body: unknown, token?: string) => {
      const res = await api.request(method, path, { body, token });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const home = await made('POST', '/api/departments', { name: '模糊测试局', contactEmails: ['fuzz@example.gov.cn'] });
    const other = await made('POST', '/api/departments', { name: '模糊测试二局' });
    await made('POST', '/api/users', { username: 'fuzz-editor', displayName: '填报员', password: PASSWORD, role: 'editor', departmentId: home.id });
    const victim = await made('POST', '/api/users', { username: 'fuzz-victim', displayName: '测试用户', password: PASSWORD, role: 'viewer' });
    editorToken = await api.login('fuzz-editor', PASSWORD);
    const personal = await made('POST', '/api/auth/tokens', { name: '测试令牌' });
    const tokenRow = await ds.getRepository(ApiToken).findOneByOrFail({ name: '测试令牌' });
    expect(personal.token).toBeTruthy();
    let item = await made('GET', `/api/items/${tasks[0]!.id}`, undefined);
    item = await made('PUT', `/api/items/${item.id}/assignment`, { version: item.version, lead: home.id, co: [other.id], deadline: '2026年12月底前' });
    const draft = await made('PUT', `/api/items/${item.id}/reports/2026-03`, { text: '草稿', percent: 10 }, editorToken);
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('佐证')]), '佐证.txt');
    const attachment = await made('POST', `/api/progress-reports/${draft.id}/attachments`, form, editorToken);
    const extension = await made('POST', `/api/items/${item.id}/extensions`, { requestedDeadline: '2027-03-31', reason: '需要顺延' }, editorToken);
    await made('POST', `/api/items/${item.id}/urges`, { message: '请尽快报送', includeCo: true });

    const indicator = await ds.getRepository(Indicator).findOneByOrFail({ planId: plan.id });
    const ids = (...xs: number[]) => xs.map(String);
    Object.assign(valid, {
      items: ids(item.id, tasks[1]!.id, section.id),
      users: ids(victim.id),
      tokens: ids(tokenRow.id),
      departments: ids(home.id, other.id),
      extensions: ids(extension.id),
      'progress-reports': ids(draft.id),
      attachments: ids(attachment.id),
      plans: ids(plan.id),
      indicators: ids(indicator.id),
      reports: ['1'],
    });
    // The seed has what the pools need.
    expect([await ds.getRepository(Plan).count(), await ds.getRepository(ProgressReport).count(), await ds.getRepository(ReportAttachment).count(), await ds.getRepository(User).count()]).toEqual([1, 1, 1, 3]);
    expect(await ds.getRepository(ExtensionRequest).count()).toBe(1);
    doc = (await api.get('/api/docs-json')).body as OpenApi;
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await db?.cleanup();
  });

  /** A value for a path parameter: mostly one that exists, so the rest of the request is what is malformed. */
  function validParam(path: string, name: string): string {
    if (name === 'period') return '2026-03';
    if (name === 'format') return 'xlsx';
    if (name === 'key') return 'urge.1';
    if (name === 'jobId') return '1';
    if (name === 'attachmentId') return valid.attachments![0]!;
    const segments = path.split('/');
    const resource = segments[segments.indexOf(`{${name}}`) - 1] ?? '';
    return valid[resource]?.[0] ?? '1';
  }

  function buildPath(r: Random, route: Route, malformed: boolean): string {
    const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const broken = malformed && names.length ? pick(r, names) : null;
    return route.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === broken ? pick(r, PATH_VALUES) : encodeURIComponent(pick(r, [validParam(route.path, name), ...(valid[name] ?? [])]))));
  }

  function hostileQuery(r: Random, route: Route): string {
    const declared = (route.op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    const names = [...declared, 'zz', '__proto__', 'constructor', 'hasOwnProperty', 'toString'];
    const parts: string[] = [];
    const n = 1 + Math.floor(r() * 3);
    for (let i = 0; i < n; i++) {
      const name = pick(r, declared.length && r() < 0.75 ? declared : names);
      const shape = r();
      if (shape < 0.6) parts.push(`${encodeURIComponent(name)}=${queryValue(pick(r, QUERY_VALUES))}`);
      else if (shape < 0.75) parts.push(`${name}=1&${name}=${queryValue(pick(r, QUERY_VALUES))}`);
      else if (shape < 0.85) parts.push(`${name}[]=1&${name}[]=2`);
      else if (shape < 0.95) parts.push(`${name}[a][b]=${queryValue(pick(r, QUERY_VALUES))}`);
      else parts.push(`${name}=${'9'.repeat(5000)}`);
    }
    return `?${parts.join('&')}`;
  }

  function jsonBodyCase(r: Random, route: Route): Pick<Case, 'recipe' | 'headers' | 'body'> {
    const json_ = { 'content-type': 'application/json' };
    const base = route.schema ? (exampleOf(doc, route.schema) as J) : {};
    const props = route.schema?.properties ? Object.keys(route.schema.properties) : [];
    const recipe = pick(r, ['field', 'field', 'field', 'unknown', 'missing', 'top', 'invalid-json', 'content-type', 'deep', 'proto', 'oversize']);
    const obj = (v: J): Record<string, J> => (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Raw) && !(v instanceof Map) ? { ...v } : {});
    switch (recipe) {
      case 'field': {
        const body = obj(base);
        body[props.length ? pick(r, props) : 'x'] = hostile(r);
        return { recipe, headers: json_, body: json(body) };
      }
      case 'unknown':
        return { recipe, headers: json_, body: json({ ...obj(base), [pick(r, ['zz', 'id', 'role', 'isAdmin', 'userId', 'createdAt', 'hasOwnProperty', 'toString'])]: hostile(r) }) };
      case 'missing': {
        const body = obj(base);
        for (const k of props) if (r() < 0.5) delete body[k];
        return { recipe, headers: json_, body: json(body) };
      }
      case 'top':
        return { recipe, headers: json_, body: json(pick(r, [[base], null, 'text', 42, true, [], [[]], hostile(r)] as J[])) };
      case 'invalid-json':
        return { recipe, headers: json_, body: r() < 0.8 ? pick(r, INVALID_JSON) : Uint8Array.from({ length: 64 }, () => Math.floor(r() * 256)) };
      case 'content-type':
        return pick<Pick<Case, 'recipe' | 'headers' | 'body'>>(r, [
          { recipe: 'text/plain', headers: { 'content-type': 'text/plain' }, body: json(base) },
          { recipe: 'xml', headers: { 'content-type': 'application/xml' }, body: '<a><b>1</b></a>' },
          { recipe: 'form', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a[b][c][d][e][f][g]=1&__proto__[polluted]=yes&constructor[prototype][polluted]=yes&name=x&name=y' },
          { recipe: 'multipart-junk', headers: { 'content-type': 'multipart/form-data; boundary=zzz' }, body: '--zzz\r\nContent-Disposition: form-data; name="x"\r\n\r\n1' },
          { recipe: 'charset', headers: { 'content-type': 'application/json; charset=latin1' }, body: json(base) },
          { recipe: 'gzip-lie', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: json(base) },
          { recipe: 'unknown-encoding', headers: { 'content-type': 'application/json', 'content-encoding': 'br2' }, body: json(base) },
          { recipe: 'empty-json', headers: json_, body: '' },
          { recipe: 'no-type', headers: {}, body: json(base) },
        ]);
      case 'deep': {
        const body = obj(base);
        body[props.length ? pick(r, props) : 'x'] = nested(pick(r, [64, 2000, 20_000]), pick(r, ['array', 'object'] as const));
        return { recipe, headers: json_, body: json(body) };
      }
      case 'proto': {
        const body = new Map<string, J>(Object.entries(obj(base)));
        body.set(pick(r, ['__proto__', 'constructor', 'prototype']), pick(r, [{ polluted: 'yes' }, { prototype: { polluted: 'yes' } }, null, 'x'] as J[]));
        return { recipe, headers: json_, body: json(body) };
      }
      default:
        return { recipe, headers: json_, body: json({ ...obj(base), zz: 'x'.repeat(150_000) }) };
    }
  }

  function multipartCase(r: Random, route: Route): Pick<Case, 'recipe' | 'headers' | 'body'> {
    const recipe = pick(r, ['no-file', 'wrong-field', 'two-files', 'empty-file', 'file-name', 'mapping', 'junk', 'json', 'random-bytes']);
    const form = new FormData();
    const file = (bytes: Uint8Array | string, name: string, field = 'file') => form.append(field, new Blob([Buffer.from(bytes as string)]), name);
    const text = '一、总体要求\n1.加强质量基础(市市场监管局牵头)\n';
    switch (recipe) {
      case 'no-file':
        form.append('mapping', '{}');
        break;
      case 'wrong-field':
        file(text, 'a.txt', pick(r, ['files', 'upload', '']));
        break;
      case 'two-files':
        file(text, 'a.txt');
        file(text, 'b.txt');
        break;
      case 'empty-file':
        file('', pick(r, ['a.txt', 'a.docx', 'a.pdf']));
        break;
      case 'file-name':
        file(text, pick(r, ['../../etc/passwd', '..\\..\\x.txt', '/etc/passwd', 'C:\\Windows\\x.txt', 'a\u0000b.txt', 'x'.repeat(1000) + '.txt', '\u202Etxt.exe', '', '.txt', '.', '..', 'a/b\\c.txt']));
        break;
      case 'mapping':
        file(text, 'a.txt');
        form.append('mapping', pick(r, [json(hostile(r)), '{"a":', '{"__proto__":{"polluted":"yes"}}', '{"市市场监管局":"1"}', '{"x":1e999}', 'x'.repeat(200_000)]));
        form.append(pick(r, ['mapping', 'zz', '__proto__']), 'x');
        break;
      case 'junk':
        return { recipe, headers: { 'content-type': pick(r, ['multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary=zzz']) }, body: pick(r, ['', '--zzz', '--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc', 'garbage']) };
      case 'json':
        return { recipe, headers: { 'content-type': 'application/json' }, body: json({ file: 'a.txt', mapping: {} }) };
      default:
        file(Uint8Array.from({ length: 1 + Math.floor(r() * 4096) }, () => Math.floor(r() * 256)), pick(r, ['a.txt', 'a.docx', 'a.html', 'a.pdf', 'a.exe', 'a.zip', 'a.png', 'a']));
    }
    return { recipe, headers: {}, body: form };
  }

  /** One seeded-random malformed request for a route. */
  function makeCase(r: Random, route: Route): Case {
    const hasPathParams = route.path.includes('{');
    const recipes = ['query', ...(hasPathParams ? ['path', 'path'] : []), ...(route.bodyType === 'none' ? ['stray-body', 'wrong-method'] : ['body', 'body', 'body', 'body'])];
    const recipe = pick(r, recipes);
    const url = (malformedPath: boolean, query = '') => buildPath(r, route, malformedPath) + query;
    const validBody = (): Pick<Case, 'headers' | 'body'> =>
      route.bodyType === 'json' && route.schema ? { headers: { 'content-type': 'application/json' }, body: json(exampleOf(doc, route.schema)) } : { headers: {} };
    switch (recipe) {
      case 'query':
        return { recipe, method: route.method, url: url(false, hostileQuery(r, route)), ...validBody() };
      case 'path':
        return { recipe, method: route.method, url: url(true), ...validBody() };
      case 'stray-body':
        // fetch cannot send a body with GET: a GET gets a hostile query string instead.
        if (route.method === 'GET') return { recipe: 'query', method: 'GET', url: url(false, hostileQuery(r, route)), headers: {} };
        return { recipe, method: route.method, url: url(r() < 0.3), headers: { 'content-type': 'application/json' }, body: pick(r, [json(hostile(r)), ...INVALID_JSON]) };
      case 'wrong-method': {
        const method = pick(r, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !doc.paths[route.path]![m.toLowerCase()]));
        return { recipe, method, url: url(false), ...(method === 'GET' ? { headers: {} } : { headers: { 'content-type': 'application/json' }, body: '{}' }) };
      }
      default: {
        const body = route.bodyType === 'multipart' ? multipartCase(r, route) : jsonBodyCase(r, route);
        return { method: route.method, url: url(false), ...body, recipe: `body:${body.recipe}` };
      }
    }
  }

  async function send(who: string, token: string | null, c: Case, cookie?: string): Promise<Outcome> {
    const headers: Record<string, string> = { ...c.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    if (cookie) headers.cookie = cookie;
    let response: Response;
    try {
      response = await fetch(api.baseUrl + c.url, { method: c.method, headers, body: c.body as RequestInit['body'], signal: AbortSignal.timeout(60_000) });
    } catch (error) {
      return { status: 0, failure: `${describeCase(who, c)} -> no answer: ${(error as Error).message}` };
    }
    const text = await response.text();
    const status = response.status;
    const fail = (why: string) => ({ status, failure: `${describeCase(who, c)} -> ${status} ${why}: ${text.slice(0, 300)}` });
    if (status >= 500) return fail('server error');
    if (status >= 400) {
      if (!/application\/json/.test(response.headers.get('content-type') ?? '')) return fail('not JSON');
      let body: { message?: unknown };
      try {
        body = JSON.parse(text) as { message?: unknown };
      } catch {
        return fail('unparsable JSON');
      }
      const message = Array.isArray(body.message) ? body.message.join(' ') : typeof body.message === 'string' ? body.message : '';
      if (!CJK.test(message)) return fail('message not in Chinese');
    }
    return { status, failure: null };
  }

  it('answers every route of the OpenAPI document without a 5xx, in Chinese JSON, and stays healthy', async () => {
    const routes = routesOf(doc);
    // The whole API is described: the routes this suite knows must all be there (and new ones are fuzzed too).
    expect(routes.length).toBeGreaterThanOrEqual(58);
    const r = rng(SEED);
    const failures: string[] = [];
    const byStatus = new Map<number, number>();
    const perRoute = new Map<string, number>();
    let requests = 0;
    const trace: string[] = [];
    const run = async (who: string, token: string | null, route: Route, c: Case, cookie?: string) => {
      const { status, failure } = await send(who, token, c, cookie);
      requests++;
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      perRoute.set(`${route.method} ${route.path}`, (perRoute.get(`${route.method} ${route.path}`) ?? 0) + 1);
      if (failure) failures.push(failure);
      if (process.env.FUZZ_TRACE) trace.push(`${status} ${describeCase(who, c).slice(0, 200)}`);
    };

    // Signed out, and signed in by cookie without the CSRF header: one malformed request per route each.
    for (const route of routes) await run('anonymous', null, route, makeCase(r, route));
    for (const route of routes.filter((x) => x.method !== 'GET')) await run('cookie', null, route, makeCase(r, route), `duban_session=${api.adminToken}`);

    // The department user on a seeded sample of the routes (before the admin's requests change the data).
    const sample = [...routes].sort(() => r() - 0.5).slice(0, EDITOR_ROUTES);
    for (const route of sample) for (let i = 0; i < EDITOR_CASES; i++) await run('editor', editorToken, route, makeCase(r, route));

    // The admin on every route. Signing out ends the session it is sent with: those requests use one of their own.
    for (const route of routes) {
      for (let i = 0; i < ADMIN_CASES; i++) {
        const c = makeCase(r, route);
        const own = route.path === '/api/auth/logout' && c.method === 'POST';
        const token = own ? await api.login('admin', db.env.DUBAN_ADMIN_PASSWORD!) : api.adminToken;
        await run('admin', token, route, c);
        // End that session whatever the case did, so the admin stays within DUBAN_MAX_SESSIONS (beyond it the oldest, the suite's own, would end).
        if (own) await api.request('POST', '/api/auth/logout', { token });
      }
    }

    if (process.env.FUZZ_TRACE) writeFileSync(process.env.FUZZ_TRACE, trace.join('\n'));
    const health = await fetch(`${api.baseUrl}/health`);
    const healthBody = (await health.json()) as { status: string; info: { database: { status: string } } };
    const summary = [...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ');
    console.log(`hostile input (seed ${SEED}): ${routes.length} routes, ${requests} requests; by status ${summary}; ${failures.length} failures`);

    expect(failures).toEqual([]);
    expect(routes.every((route) => (perRoute.get(`${route.method} ${route.path}`) ?? 0) >= ADMIN_CASES)).toBe(true);
    expect([health.status, healthBody.status, healthBody.info.database.status]).toEqual([200, 'ok', 'up']);
    // No request reached Object.prototype (a "__proto__" or "constructor.prototype" key merged somewhere).
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    // The admin's session survived everything (no request revoked it or disabled the account).
    expect((await api.get('/api/auth/me')).status).toBe(200);
  }, 600_000);

  it('takes every hostile value in every property of every JSON body, one at a time', async () => {
    const routes = routesOf(doc).filter((route) => route.bodyType === 'json' && route.schema?.properties);
    const r = rng(SEED + 1);
    const failures: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const base = exampleOf(doc, route.schema!) as Record<string, J>;
      for (const property of Object.keys(route.schema!.properties!)) {
        for (const value of SWEEP) {
          const c: Case = { recipe: `sweep:${property}`, method: route.method, url: buildPath(r, route, false), headers: { 'content-type': 'application/json' }, body: json({ ...base, [property]: value }) };
          const { failure } = await send('admin', api.adminToken, c);
          requests++;
          if (failure) failures.push(failure);
        }
      }
    }
    console.log(`hostile values per property: ${routes.length} JSON routes, ${requests} requests; ${failures.length} failures`);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(500);
    expect((await api.get('/api/auth/me')).status).toBe(200);
  }, 600_000);
});
