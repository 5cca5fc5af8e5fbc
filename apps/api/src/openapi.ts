import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * The OpenAPI document of the API, served at /api/docs-json. libs/contracts/src/openapi.ts holds the types
 * openapi-typescript generates from it (`npm run openapi`); test/openapi.e2e-spec.ts fails when they differ.
 */
export function apiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('督办 duban API')
      .setDescription(
        '质量强市建设实施方案的事项、单位与指标;牵头单位报送进展,质量强市办分配、催办、审核销号。' +
          '认证:POST /api/auth/login 取得令牌后使用 Authorization: Bearer <token>;网页使用会话 Cookie,写请求须带 X-CSRF-Token。',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .addCookieAuth('duban_session')
      // Every endpoint needs a sign-in except login and health (marked public in code).
      .addSecurityRequirements('bearer')
      .build(),
  );
}
