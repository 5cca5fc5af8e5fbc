export { DEFAULT_PUBLIC_URL, envSettings, isLocalAddress, publicUrlProblems, publicUrlWarning, resolveSettings, SETTING_KEYS, type EffectiveSettings, type EnvSettings, type SettingKey, type SettingOrigin, type SettingSource, type StoredSetting } from './settings.js';
export { SETTINGS_TTL_MS, SettingsStore } from './settings-store.js';
