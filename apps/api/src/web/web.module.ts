import { type DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The web interface: the pages built from apps/web (Vite) into dist/web, served at "/". The same
 * folder is found from the sources (tests) and from dist/ (npm start).
 */
export function webRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'dist', 'web');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('dist/web/index.html not found: build the web interface first (npm run build:web)');
}

/** Built assets carry their content hash in the name: a browser may keep them. */
function cacheAssets(res: { setHeader(name: string, value: string): void }, path: string): void {
  if (/[/\\]assets[/\\][^/\\]+-[A-Za-z0-9_-]{8}\.(js|css)$/.test(path)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
}

@Module({})
export class WebModule {
  static forRoot(): DynamicModule {
    return {
      module: WebModule,
      imports: [
        ServeStaticModule.forRoot(
          // Built assets: a missing one is a 404 (a stale tab asking for an old hash must not get the page).
          { rootPath: join(webRoot(), 'assets'), serveRoot: '/assets', serveStaticOptions: { fallthrough: false, index: false, setHeaders: cacheAssets } },
          {
            rootPath: webRoot(),
            exclude: ['/api/{*path}', '/health', '/admin/{*path}', '/assets/{*path}'],
            serveStaticOptions: { index: 'index.html', maxAge: 0, setHeaders: cacheAssets },
          },
        ),
      ],
    };
  }
}
