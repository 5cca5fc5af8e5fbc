export * from './labels.js';
export * from './api.js';
export * from './errors.js';
export type { components as OpenApiComponents, paths as OpenApiPaths } from './openapi.js';
