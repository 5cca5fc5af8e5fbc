import { type DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The web interface: static pages under apps/api/web, served at "/". The same folder is found
 * from the sources (tests) and from dist/ (npm start), since it is not compiled.
 */
export function webRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'apps', 'api', 'web');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('apps/api/web/index.html not found');
}

@Module({})
export class WebModule {
  static forRoot(): DynamicModule {
    return {
      module: WebModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath: webRoot(),
          exclude: ['/api/{*path}', '/health', '/admin/{*path}'],
          serveStaticOptions: { index: 'index.html', maxAge: 0 },
        }),
      ],
    };
  }
}
