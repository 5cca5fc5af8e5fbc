import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessService } from './access.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { LoginLimiter } from './login-limiter.js';

/**
 * Sign-in (password, session cookie, bearer and personal tokens) and the access rules the
 * feature services apply. Login attempts are slowed by LoginLimiter (per user name and address,
 * and per address, counted in the database so that every API process sees the same failures),
 * which runs on the injected clock. (@nestjs/throttler is CommonJS and cannot
 * load the ESM @nestjs/common 12 under jest on Node 20.)
 */
@Global()
@Module({
  controllers: [AuthController],
  providers: [AuthService, LoginLimiter, AccessService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, AccessService],
})
export class AuthModule {}
