/** The AppConfig as provided to the queue and report features. */
export const API_CONFIG = Symbol('API_CONFIG');
