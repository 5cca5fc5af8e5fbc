export * from './labels.js';
export * from './api.js';
export * from './errors.js';
