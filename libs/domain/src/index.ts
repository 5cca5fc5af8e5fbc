export * from './entities/index.js';
export * from './rules/index.js';
export * from './calendar/index.js';
export * from './reminders/index.js';
export * from './settings/index.js';
export * from './documents/index.js';
