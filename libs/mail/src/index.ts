export * from './templates.js';
export * from './transport.js';
export * from './chat.js';
