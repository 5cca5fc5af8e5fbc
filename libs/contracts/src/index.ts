export * from './labels.js';
export * from './api.js';
