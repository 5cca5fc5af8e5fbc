import { chatOutcome, chatRequest, dingtalkSign, feishuSign, maskWebhook, summaryLines } from './chat.js';

// Expected signatures computed with the platforms' documented Python samples (hmac, base64, urllib.parse.quote_plus).
describe('chat robot signatures', () => {
  it('signs 钉钉 requests: urlencode(base64(HmacSHA256(secret, timestamp + "\\n" + secret)))', () => {
    expect(dingtalkSign(1700000000000, 'SECthis-is-a-test-secret')).toBe('IRZT287QybIa2F%2FxrEkTcyuBS3Hp0ycAceupV5IhA5s%3D');
  });

  it('signs 飞书 requests: base64(HmacSHA256(key = timestamp + "\\n" + secret, ""))', () => {
    expect(feishuSign(1700000000, 'feishu-test-secret')).toBe('e3MJ8Q5llVxGJ8pVkGPBhexDAgjvYqpjPP1GkY9XceI=');
  });
});

describe('chat requests', () => {
  const now = new Date(1700000000000);
  const message = { title: '【催办】1.加强质量文化宣传', lines: ['市市场监管局:请抓紧办理', '催办意见:*本周内*报送'], link: 'http://duban.test/#/items/7' };

  it('puts the 钉钉 timestamp and sign after the access token', () => {
    const r = chatRequest('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abc', 'SECthis-is-a-test-secret', message, now);
    expect(r.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=IRZT287QybIa2F%2FxrEkTcyuBS3Hp0ycAceupV5IhA5s%3D');
    expect(r.body).toMatchObject({ msgtype: 'markdown', markdown: { title: message.title } });
    expect((r.body.markdown as { text: string }).text).toContain('[查看详情](http://duban.test/#/items/7)');
    // What users typed cannot become markup.
    expect((r.body.markdown as { text: string }).text).toContain('\\*本周内\\*');
  });

  it('sends 飞书 a card with the signature in the body (timestamp in seconds)', () => {
    const r = chatRequest('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/xyz', 'feishu-test-secret', message, now);
    expect(r.url).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/xyz');
    expect(r.body).toMatchObject({ msg_type: 'interactive', timestamp: '1700000000', sign: 'e3MJ8Q5llVxGJ8pVkGPBhexDAgjvYqpjPP1GkY9XceI=' });
    expect(JSON.stringify(r.body.card)).toContain('"url":"http://duban.test/#/items/7"');
  });

  it('keeps 企业微信 markdown within its 4096-byte limit', () => {
    const long = { ...message, lines: Array.from({ length: 200 }, () => '很长的一行进展说明文字很长的一行进展说明文字') };
    const r = chatRequest('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', null, long, now);
    const content = (r.body.markdown as { content: string }).content;
    expect(r.body.msgtype).toBe('markdown');
    expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(4096);
    expect(content).not.toContain('\uFFFD');
  });
});

describe('platform answers', () => {
  it.each([
    ['wecom', 200, { errcode: 0, errmsg: 'ok' }, 'sent'],
    ['wecom', 200, { errcode: 45009, errmsg: 'api freq out of limit' }, 'rate'],
    ['wecom', 200, { errcode: 93000, errmsg: 'invalid webhook url' }, 'refused'],
    ['dingtalk', 200, { errcode: 0, errmsg: 'ok' }, 'sent'],
    ['dingtalk', 200, { errcode: 410100, errmsg: 'send too fast' }, 'rate'],
    ['dingtalk', 200, { errcode: 310000, errmsg: 'sign not match' }, 'refused'],
    ['dingtalk', 200, { errcode: 300005, errmsg: 'token is not exist' }, 'refused'],
    ['feishu', 200, { code: 0, msg: 'success', data: {} }, 'sent'],
    ['feishu', 200, { StatusCode: 0, StatusMessage: 'success' }, 'sent'],
    ['feishu', 200, { code: 11232, msg: 'frequency limited' }, 'rate'],
    ['feishu', 200, { code: 19021, msg: 'sign match fail' }, 'refused'],
    ['feishu', 200, { code: 19001, msg: 'incoming webhook access token invalid' }, 'refused'],
    ['feishu', 502, null, 'retry'],
    ['dingtalk', 429, null, 'rate'],
    ['wecom', 200, { errcode: -1, errmsg: 'system busy' }, 'retry'],
    ['dingtalk', 404, null, 'refused'],
  ] as const)('%s HTTP %d %j: %s', (platform, status, body, expected) => {
    const outcome = chatOutcome(platform, status, body);
    const kind = outcome.ok ? 'sent' : outcome.rateLimited ? 'rate' : outcome.retry ? 'retry' : 'refused';
    expect(kind).toBe(expected);
    if (!outcome.ok) expect(outcome.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('what the browser and the messages show', () => {
  it.each([
    ['https://oapi.dingtalk.com/robot/send?access_token=abcdef123456', 'https://oapi.dingtalk.com/robot/send/…3456'],
    ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send/…5aaa'],
    ['https://open.feishu.cn/open-apis/bot/v2/hook/0d9b1c2e-aaaa-bbbb', 'https://open.feishu.cn/open-apis/bot/v2/hook/…bbbb'],
    ['not a url', '(地址无效)'],
  ])('masks %s', (url, masked) => expect(maskWebhook(url)).toBe(masked));

  it('drops the heading, links and footer of a mail text', () => {
    const text = ['催办:1.加强', '', '市市场监管局:请抓紧', '', '事项:加强', '', '在督办系统中查看事项:http://duban.test/#/items/1', '', '此邮件由督办系统自动发送,请勿直接回复。'].join('\n');
    expect(summaryLines(text)).toEqual(['市市场监管局:请抓紧', '事项:加强']);
  });
});
