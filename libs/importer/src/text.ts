/**
 * Text helpers shared by the importer: Chinese numerals, line clean-up, and the
 * removal of what a web page or a document-sharing site puts around a plan.
 */

const DIGITS: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** "三十二" → 32, "一百零五" → 105, "十" → 10; null when the string is not a Chinese numeral. */
export function chineseToNumber(s: string): number | null {
  if (!s || s.length > 8) return null;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in DIGITS) {
      current = DIGITS[ch];
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '千') {
      total += (current || 1) * 1000;
      current = 0;
    } else {
      return null;
    }
  }
  return total + current;
}

/** 32 → "三十二" (1..999), for repairing numbers such as "(-)". */
export function numberToChinese(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n];
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  if (n < 100) return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
  const rest = n % 100;
  return d[Math.floor(n / 100)] + '百' + (rest === 0 ? '' : rest < 10 ? '零' + d[rest] : numberToChinese(rest).replace(/^十/, '一十'));
}

/** Year/month/day written with Chinese numerals: "二〇二三" → 2023 (digit by digit). */
function chineseDigitsToNumber(s: string): number | null {
  if (/^[〇零一二三四五六七八九]+$/.test(s) && s.length >= 2) {
    return Number([...s].map((c) => DIGITS[c]).join(''));
  }
  return chineseToNumber(s);
}

const DATE_RE = /^(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$/;

/** "2023年11月9日" or "二〇二三年十一月九日" alone → "2023-11-09"; otherwise null. */
export function parseChineseDate(s: string): string | null {
  const m = DATE_RE.exec(s.trim());
  if (!m) return null;
  const y = /^\d+$/.test(m[1]) ? Number(m[1]) : chineseDigitsToNumber(m[1]);
  const mo = /^\d+$/.test(m[2]) ? Number(m[2]) : chineseToNumber(m[2]);
  const d = /^\d+$/.test(m[3]) ? Number(m[3]) : chineseToNumber(m[3]);
  if (y === null || mo === null || d === null || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Normalises line breaks and invisible characters; keeps every printed character otherwise. */
export function normalizeText(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\u00A0/g, ' ')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}

/** Trims ASCII and ideographic spaces at both ends. */
export function trimLine(s: string): string {
  return s.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

/**
 * Lines that belong to the web page or sharing site around a document, never to the plan:
 * navigation, share and print links, counters, site footers, spam banners.
 */
const CHROME_LINE = new RegExp(
  [
    '扫一扫', '手机上查看', '打印本页', '关闭窗口', '【打印】', '【关闭】', '^打印$', '^关闭$', '^关闭本页$', '分享到',
    '附件下载', '^相关附件', '一图读懂', '^图解', '网站标识码', 'ICP备', '公网安备', '版权所有', '主办单位', '主办[::]?$',
    '^承办', '联系我们', '网站地图', '^baidu$', '^sogou$', '^搜索关键字$', '^搜索$', '所在的?位置', '当前位置', '首页\\s*[>/›>]',
    '^字体大小', '^【?字体[::]', '^访问次数', '^浏览次数', '^阅读次数', '^发布时间', '^发布日期', '^来源[::]', '^信息来源',
    '^\\[\\s*索引号', '^索引号', '^主动公开$', '^责任编辑', '^编辑[::]', '^上一篇', '^下一篇', '登录入口', '官方认证', '欢迎访问',
    'Best Platform', '平台官网', '^返回顶部', '^收藏', '^【(大|中|小)】', '由会员分享', '可在线阅读', '^相关(阅读|链接|文章)',
  ].join('|'),
  'i',
);

export function isChromeLine(line: string): boolean {
  const t = trimLine(line);
  if (t === '') return false;
  // A paragraph of several sentences is text, whatever it mentions ("…支持行业协会作为主办单位举办…").
  if (t.length > 120 && (t.match(/[。;;]/g)?.length ?? 0) >= 2 && !CHROME_LINE.test(t.slice(0, 40))) return false;
  return CHROME_LINE.test(t);
}

/** Sentence-ending punctuation, in both widths. */
export const TERMINAL = /[。;;!?!?]/;

/** Strips punctuation a heading carries at its end ("…建设工程。" → "…建设工程"). */
export function stripTrailingPunctuation(s: string): string {
  return trimLine(s).replace(/[。;;::,,、.!?!?\s\u3000]+$/u, '');
}

const PAGE_MARKER = /^[\s\u3000]*(\d{1,3})、/;

/**
 * Text scraped from a document-sharing preview starts every page chunk with "1、", "2、", …,
 * often in the middle of a word ("出入境检验" / "9、检疫局"). When the lines that start with such
 * markers count 1, 2, 3, … without a gap and most of the lines before them stop mid-sentence,
 * they are page markers: remove them and join each chunk to the text before it.
 * Returns null when the text has no page markers.
 */
export function joinPageChunks(lines: string[]): string[] | null {
  const markers = findPageMarkers(lines);
  return markers ? applyPageJoin(lines, lines, markers) : null;
}

/** The lines that start with a page marker, or null when the text has none (see joinPageChunks). */
export function findPageMarkers(lines: string[]): Set<number> | null {
  const markerLines: number[] = [];
  let expected = 1;
  for (let i = 0; i < lines.length; i++) {
    const m = PAGE_MARKER.exec(lines[i]);
    if (m && Number(m[1]) === expected) {
      markerLines.push(i);
      expected++;
    }
  }
  if (markerLines.length < 3) return null;
  let midSentence = 0;
  for (const i of markerLines.slice(1)) {
    let j = i - 1;
    while (j >= 0 && trimLine(lines[j]) === '') j--;
    if (j >= 0 && !/[。;!?):]$/.test(trimLine(lines[j]))) midSentence++;
  }
  if (midSentence / (markerLines.length - 1) < 0.5) return null;
  // Every other non-empty line after the first marker must be rare: page chunks are the text.
  const first = markerLines[0];
  const isMarker = new Set(markerLines);
  const others = lines.slice(first).filter((l, k) => trimLine(l) !== '' && !isMarker.has(first + k) && !isChromeLine(l));
  return others.length > markerLines.length ? null : isMarker;
}

/**
 * Removes the page markers from `target` and joins each chunk to the text before it. `reference`
 * is the text the markers were found in: the same lines, possibly in another character width.
 */
export function applyPageJoin(target: string[], reference: string[], markers: Set<number>): string[] {
  const first = Math.min(...markers);
  const out: string[] = target.slice(0, first);
  let chunk: string | null = null;
  for (let i = first; i < target.length; i++) {
    if (markers.has(i)) {
      const text = target[i].slice(PAGE_MARKER.exec(reference[i])![0].length);
      chunk = chunk === null ? text : chunk.replace(/[\s\u3000]+$/, '') + text;
    } else if (trimLine(target[i]) === '') {
      continue;
    } else {
      if (chunk !== null) out.push(chunk);
      chunk = null;
      out.push(target[i]);
    }
  }
  if (chunk !== null) out.push(chunk);
  return out;
}

/**
 * Full-width forms of ASCII (U+FF01–U+FF5E, e.g. "\uFF08" "\uFF0C" "\uFF1A") → ASCII. One code unit
 * maps to one, so offsets stay valid. The parser's rules are written once, for ASCII.
 */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Gives parsed strings back the width the document prints: each ASCII character whose
 * full-width form the document uses more often than the ASCII one is turned back into it.
 */
export function widthRestorer(original: string): (s: string) => string {
  const full = new Map<number, number>();
  const half = new Map<number, number>();
  for (let i = 0; i < original.length; i++) {
    const code = original.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) full.set(code - 0xfee0, (full.get(code - 0xfee0) ?? 0) + 1);
    else if (code >= 0x21 && code <= 0x7e) half.set(code, (half.get(code) ?? 0) + 1);
  }
  const widen = new Set([...full].filter(([code, n]) => n > (half.get(code) ?? 0)).map(([code]) => code));
  if (widen.size === 0) return (s) => s;
  return (s) => s.replace(/[!-~]/g, (c) => (widen.has(c.charCodeAt(0)) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c));
}
