import type { AppConfig } from '#config';
import type { INestApplication } from '@nestjs/common';
import type { Application } from 'express';

/** DUBAN_TRUST_PROXY as Express's "trust proxy" (a hop count, or the proxies' addresses and subnets). */
export function applyTrustProxy(app: INestApplication, config: AppConfig): void {
  const value = config.DUBAN_TRUST_PROXY;
  if (!value) return;
  const setting = /^\d+$/.test(value) ? Number(value) : value.split(',').map((s) => s.trim());
  (app.getHttpAdapter().getInstance() as Application).set('trust proxy', setting);
}
