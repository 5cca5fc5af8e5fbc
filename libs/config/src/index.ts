export { AppConfig, ConfigError, loadConfig } from './app-config.js';
