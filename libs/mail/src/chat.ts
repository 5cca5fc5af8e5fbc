/**
 * Group-chat robots: 企业微信 group robot, 钉钉 custom robot, 飞书 custom bot. Message bodies in
 * each platform's format, request signing as each platform documents it, and what their answers
 * mean (sent, retry later, refused for good). Pure except postChat(), which sends one request.
 */
import { CHAT_PLATFORM_LABELS, type ChatPlatform as ChatPlatformName } from '#domain';
import { createHmac } from 'node:crypto';

export interface ChatMessage {
  title: string;
  /** Plain text lines (no markup: escaped for each platform's markdown). */
  lines: string[];
  /** Absolute address of the item or page, or null. */
  link: string | null;
}

export interface ChatRequest {
  url: string;
  body: Record<string, unknown>;
}

/** 钉钉 加签: base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret)), then URL-encoded. Timestamp in ms. */
export function dingtalkSign(timestamp: number, secret: string): string {
  return encodeURIComponent(createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64'));
}

/** 飞书 签名校验: base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")). Timestamp in seconds. */
export function feishuSign(timestampSeconds: number, secret: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** Markdown special characters of the chat platforms, escaped in what users typed. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>#]/g, (c) => `\\${c}`);
}

/** Cuts a string to at most `bytes` UTF-8 bytes (企业微信 markdown: 4096). */
function cutBytes(text: string, bytes: number): string {
  const buffer = Buffer.from(text, 'utf8');
  if (buffer.length <= bytes) return text;
  return `${buffer.subarray(0, bytes - 3).toString('utf8').replace(/\uFFFD+$/u, '')}…`;
}

/** The request for one message through one robot at `now`. */
export function chatRequest(platform: ChatPlatformName, webhookUrl: string, secret: string | null, message: ChatMessage, now: Date): ChatRequest {
  const lines = message.lines.map(md);
  const link = message.link ? `[查看详情](${message.link})` : '';
  switch (platform) {
    case 'wecom': {
      const content = cutBytes([`**${md(message.title)}**`, ...lines.map((l) => `> ${l}`), link].filter(Boolean).join('\n'), 4000);
      return { url: webhookUrl, body: { msgtype: 'markdown', markdown: { content } } };
    }
    case 'dingtalk': {
      const text = [`### ${md(message.title)}`, ...lines, link].filter(Boolean).join('\n\n');
      const url = new URL(webhookUrl).toString();
      const body = { msgtype: 'markdown', markdown: { title: message.title, text } };
      if (!secret) return { url, body };
      const timestamp = now.getTime();
      // The sign is URL-encoded already, as documented: appended as is.
      return { url: `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${dingtalkSign(timestamp, secret)}`, body };
    }
    case 'feishu': {
      const elements: unknown[] = [{ tag: 'markdown', content: lines.join('\n') }];
      if (message.link) elements.push({ tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: '查看详情' }, type: 'primary', url: message.link }] });
      const card = { config: { wide_screen_mode: true }, header: { title: { tag: 'plain_text', content: message.title }, template: 'orange' }, elements };
      const body: Record<string, unknown> = { msg_type: 'interactive', card };
      if (secret) {
        const timestamp = Math.floor(now.getTime() / 1000);
        body.timestamp = String(timestamp);
        body.sign = feishuSign(timestamp, secret);
      }
      return { url: webhookUrl, body };
    }
  }
}

export type ChatOutcome = { ok: true } | { ok: false; retry: boolean; rateLimited: boolean; message: string };

/** Error codes with a meaning of their own; any other non-zero code is retried. */
const REFUSED: Record<ChatPlatformName, Record<number, string>> = {
  wecom: { 93000: '机器人地址无效或机器人已被移出群聊', 40008: '消息格式不被接受', 93017: '机器人已被禁用' },
  dingtalk: { 300005: '机器人不存在或已被移除(token is not exist)', 310000: '签名不匹配、缺少关键词或 IP 不在白名单(请检查加签密钥和安全设置)', 300001: '机器人地址无效' },
  feishu: { 19021: '签名校验失败或时间戳超过一小时(请检查签名密钥和服务器时间)', 19001: '机器人地址无效或机器人已被移除', 19024: '消息缺少自定义关键词', 19022: 'IP 不在白名单', 9499: '请求格式错误' },
};
const RATE_LIMITED: Record<ChatPlatformName, number[]> = { wecom: [45009], dingtalk: [410100, 130101], feishu: [11232] };

/** What a platform's answer means. HTTP 429 and 5xx, and unknown codes, are retried. */
export function chatOutcome(platform: ChatPlatformName, status: number, body: unknown): ChatOutcome {
  const label = CHAT_PLATFORM_LABELS[platform];
  const data = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const code = Number(platform === 'feishu' ? (data.code ?? data.StatusCode) : data.errcode);
  const said = String((platform === 'feishu' ? data.msg : data.errmsg) ?? '').slice(0, 200);
  if (status >= 200 && status < 300 && code === 0) return { ok: true };
  if (status === 429 || RATE_LIMITED[platform].includes(code)) return { ok: false, retry: true, rateLimited: true, message: `${label}限流,稍后重试(${code || status} ${said})`.trim() };
  const refused = REFUSED[platform][code];
  if (refused) return { ok: false, retry: false, rateLimited: false, message: `${label}拒绝:${refused}(错误码 ${code}${said ? ` ${said}` : ''})` };
  if (status === 404 || status === 401 || status === 403) return { ok: false, retry: false, rateLimited: false, message: `${label}拒绝:机器人地址无效(HTTP ${status})` };
  return { ok: false, retry: true, rateLimited: false, message: `${label}暂时无法发送(HTTP ${status}${Number.isFinite(code) ? `,错误码 ${code}` : ''}${said ? ` ${said}` : ''})` };
}

/** Sends one message; a network failure or timeout is a retryable outcome. */
export async function postChat(platform: ChatPlatformName, webhookUrl: string, secret: string | null, message: ChatMessage, now: Date, timeoutMs = 10_000): Promise<ChatOutcome> {
  let request: ChatRequest;
  try {
    request = chatRequest(platform, webhookUrl, secret, message, now);
  } catch {
    return { ok: false, retry: false, rateLimited: false, message: `${CHAT_PLATFORM_LABELS[platform]}机器人地址无效` };
  }
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    return chatOutcome(platform, response.status, body);
  } catch (error) {
    return { ok: false, retry: true, rateLimited: false, message: `${CHAT_PLATFORM_LABELS[platform]}无法连接:${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A webhook address as the browser may see it: scheme, host and path, the token's last 4 characters. */
export function maskWebhook(url: string): string {
  try {
    const u = new URL(url);
    const token = u.searchParams.get('key') ?? u.searchParams.get('access_token') ?? u.pathname.split('/').pop() ?? '';
    const path = u.searchParams.size > 0 ? u.pathname : u.pathname.split('/').slice(0, -1).join('/');
    return `${u.protocol}//${u.host}${path}/…${token.slice(-4)}`;
  } catch {
    return '(地址无效)';
  }
}

/** A mail's plain text (see textPage) as a few lines for a chat message or an in-app notice: no heading, links or footer. */
export function summaryLines(text: string, max = 10): string[] {
  return text
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l && !/https?:\/\//.test(l) && !l.startsWith('此邮件由督办系统自动发送'))
    .slice(0, max);
}
