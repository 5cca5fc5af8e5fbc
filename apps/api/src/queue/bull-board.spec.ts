import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { withoutExternalResources } from './bull-board.js';

/** Every address a page would load (href and src attributes). */
const addresses = (html: string) => [...html.matchAll(/\s(?:href|src)\s*=\s*["']?([^"'\s>]+)/giu)].map((m) => m[1]);

describe('withoutExternalResources', () => {
  it.each([
    ['a Google Fonts stylesheet', '<head><link href="https://fonts.googleapis.com/css2?family=IBM+Plex+Sans" rel="stylesheet"><title>x</title></head>', '<head><title>x</title></head>'],
    ['a protocol-relative script', '<script defer src="//cdn.example.com/a.js"></script><p>x</p>', '<p>x</p>'],
    ['an image from elsewhere', '<img alt="" src=http://example.com/a.png><p>x</p>', '<p>x</p>'],
    ['local assets stay', '<link href="static/css/main.css" rel="stylesheet"><script defer src="static/js/main.js"></script>', '<link href="static/css/main.css" rel="stylesheet"><script defer src="static/js/main.js"></script>'],
    ['a link to elsewhere the user may follow stays', '<a href="https://github.com/felixmosh/bull-board">bull-board</a>', '<a href="https://github.com/felixmosh/bull-board">bull-board</a>'],
  ])('%s', (_name, html, expected) => expect(withoutExternalResources(html)).toBe(expected));

  it("leaves bull-board's installed page loading nothing from another host, and its own assets", () => {
    const ui = dirname(createRequire(import.meta.url).resolve('@bull-board/ui/package.json'));
    const page = readFileSync(join(ui, 'dist', 'index.ejs'), 'utf8');
    const served = addresses(withoutExternalResources(page));
    expect(served.filter((a) => /^(?:[a-z]+:)?\/\//i.test(a!))).toEqual([]);
    expect(served.filter((a) => a!.startsWith('static/'))).toEqual(addresses(page).filter((a) => a!.startsWith('static/')));
  });
});
