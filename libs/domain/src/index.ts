export * from './entities/index.js';
export * from './rules/index.js';
