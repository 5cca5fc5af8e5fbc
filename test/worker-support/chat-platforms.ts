// Local HTTP servers that play 企业微信 group robots, 钉钉 custom robots and 飞书 custom bots: they check
// each request as the platforms document it (path, token, JSON body, signature and its timestamp) and
// answer with their success and error codes (rate limit, bad signature, robot removed).
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';

export type Platform = 'wecom' | 'dingtalk' | 'feishu';

export interface Robot {
  platform: Platform;
  token: string;
  /** 钉钉 加签 / 飞书 签名校验 secret the platform holds; null = no signature checked. */
  secret: string | null;
}

export interface Received {
  platform: Platform;
  token: string;
  body: any;
  /** What the platform answered. */
  code: number;
  at: number;
}

/** Per-robot limits as the platforms state them. */
const LIMITS: Record<Platform, { perMinute: number; code: number; msg: string }> = {
  wecom: { perMinute: 20, code: 45009, msg: 'api freq out of limit' },
  dingtalk: { perMinute: 20, code: 410100, msg: 'send too fast, exceed 20 times per minute' },
  feishu: { perMinute: 100, code: 11232, msg: 'frequency limited psm[lark.oapi.app_platform_runtime]appID[1]' },
};

function answer(platform: Platform, code: number, msg: string): object {
  return platform === 'feishu' ? { code, msg, data: {} } : { errcode: code, errmsg: msg };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface ChatPlatforms {
  /** The webhook address of a robot, as the platform shows it in the group's settings. */
  url(robot: Robot): string;
  add(robot: Robot): Robot;
  received: Received[];
  /** Messages the platform accepted (code 0) for a robot. */
  accepted(token: string): Received[];
  /** The next `n` requests for a robot are answered with the platform's rate-limit code. */
  throttleNext(token: string, n: number): void;
  /** While down, every connection is reset (the platform unreachable). */
  setDown(down: boolean): void;
  stop(): Promise<void>;
}

export async function startChatPlatforms(): Promise<ChatPlatforms> {
  const robots = new Map<string, Robot>();
  const received: Received[] = [];
  const throttle = new Map<string, number>();
  const sockets = new Set<Socket>();
  let down = false;

  const check = (platform: Platform, url: URL, body: any): [number, string, string] => {
    // [code, msg, token]
    const now = Date.now();
    let token = '';
    if (platform === 'wecom') {
      if (url.pathname !== '/cgi-bin/webhook/send') return [404, 'not found', ''];
      token = url.searchParams.get('key') ?? '';
    } else if (platform === 'dingtalk') {
      if (url.pathname !== '/robot/send') return [404, 'not found', ''];
      token = url.searchParams.get('access_token') ?? '';
    } else {
      const m = /^\/open-apis\/bot\/v2\/hook\/([^/]+)$/.exec(url.pathname);
      if (!m) return [404, 'not found', ''];
      token = m[1]!;
    }
    const robot = robots.get(token);
    if (!robot || robot.platform !== platform) {
      if (platform === 'wecom') return [93000, 'invalid webhook url, hint: [1]', token];
      if (platform === 'dingtalk') return [300005, 'token is not exist', token];
      return [19001, 'param invalid: incoming webhook access token invalid', token];
    }
    if (robot.secret && platform === 'dingtalk') {
      const timestamp = url.searchParams.get('timestamp') ?? '';
      // URLSearchParams has decoded the urlencoded sign once, as the platform does.
      const sign = url.searchParams.get('sign') ?? '';
      const expected = createHmac('sha256', robot.secret).update(`${timestamp}\n${robot.secret}`, 'utf8').digest('base64');
      if (!/^\d{13}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > 3600_000 || sign !== expected) return [310000, 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]', token];
    }
    if (robot.secret && platform === 'feishu') {
      const timestamp = String(body?.timestamp ?? '');
      const expected = createHmac('sha256', `${timestamp}\n${robot.secret}`).update('').digest('base64');
      if (!/^\d{10}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > 3600 || body?.sign !== expected) return [19021, 'sign match fail or timestamp is not within one hour from current time', token];
    }
    // The message formats duban sends, as each platform requires them.
    const formatOk =
      platform === 'wecom'
        ? body?.msgtype === 'markdown' && typeof body.markdown?.content === 'string' && body.markdown.content.length > 0 && Buffer.byteLength(body.markdown.content, 'utf8') <= 4096
        : platform === 'dingtalk'
          ? body?.msgtype === 'markdown' && typeof body.markdown?.title === 'string' && typeof body.markdown?.text === 'string'
          : body?.msg_type === 'interactive' && typeof body.card === 'object' && Array.isArray(body.card.elements);
    if (!formatOk) return platform === 'feishu' ? [9499, 'Bad Request', token] : [40008, 'invalid message type', token];
    const limit = LIMITS[platform];
    const left = throttle.get(token) ?? 0;
    if (left > 0) {
      throttle.set(token, left - 1);
      return [limit.code, limit.msg, token];
    }
    const lastMinute = received.filter((r) => r.token === token && r.code === 0 && now - r.at < 60_000).length;
    if (lastMinute >= limit.perMinute) return [limit.code, limit.msg, token];
    if (platform === 'feishu' && received.filter((r) => r.token === token && r.code === 0 && now - r.at < 1000).length >= 5) return [limit.code, limit.msg, token];
    return [0, platform === 'feishu' ? 'success' : 'ok', token];
  };

  const server: Server = createServer(async (req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://platform.test');
    const [, prefix] = url.pathname.split('/');
    const platform = prefix as Platform;
    const inner = new URL(url.toString().replace(`/${prefix}`, ''));
    const text = await readBody(req);
    let body: any = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    if (req.method !== 'POST' || !String(req.headers['content-type'] ?? '').startsWith('application/json') || body === null) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(answer(platform, 40035, 'invalid request')));
      return;
    }
    const [code, msg, token] = check(platform, inner, body);
    if (code === 404) {
      res.writeHead(404).end('not found');
      return;
    }
    received.push({ platform, token, body, code, at: Date.now() });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(platform, code, msg)));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url(robot) {
      if (robot.platform === 'wecom') return `${base}/wecom/cgi-bin/webhook/send?key=${robot.token}`;
      if (robot.platform === 'dingtalk') return `${base}/dingtalk/robot/send?access_token=${robot.token}`;
      return `${base}/feishu/open-apis/bot/v2/hook/${robot.token}`;
    },
    add(robot) {
      robots.set(robot.token, robot);
      return robot;
    },
    received,
    accepted: (token) => received.filter((r) => r.token === token && r.code === 0),
    throttleNext(token, n) {
      throttle.set(token, n);
    },
    setDown(value) {
      down = value;
      if (value) for (const s of sockets) s.destroy();
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
