import type { INestApplication } from '@nestjs/common';
import express from 'express';

/** Ordinary JSON bodies stay under express's 100 kB default; these routes carry whole tables. */
export const LARGE_JSON_ROUTES: Record<string, string> = {
  // 导出 Excel: the rows shown on a page (up to 20,000 rows, see ExportTableDto).
  '/api/dashboard/export': '8mb',
};

/**
 * Registers the larger JSON parsers before Nest's global one (which then sees an already-parsed
 * body and skips it). Must run before app.init(), i.e. in createApp.
 */
export function applyLargeJsonRoutes(app: INestApplication): void {
  for (const [path, limit] of Object.entries(LARGE_JSON_ROUTES)) {
    const parse = express.json({ limit });
    // Not named "jsonParser": Nest skips its own global parser when a middleware of that name is registered.
    app.use(path, function largeJsonParser(req: express.Request, res: express.Response, next: express.NextFunction) {
      parse(req, res, next);
    });
  }
}
