import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../calendar/clock.js';
import { Setting } from '../entities/setting.entity.js';
import { type EffectiveSettings, type EnvSettings, resolveSettings, type SettingKey } from './settings.js';

/** How long a process keeps the settings before reading them again (other processes' changes arrive within this). */
export const SETTINGS_TTL_MS = 5000;

/**
 * The effective settings of this process, read from the setting table and cached briefly.
 * The API and the worker each hold one; a change saved through this store is seen at once
 * here and within SETTINGS_TTL_MS in every other process.
 */
export class SettingsStore {
  private cached: { at: number; value: EffectiveSettings } | undefined;
  private loading: Promise<EffectiveSettings> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    /** The environment's values, under any saved ones (what "back to the default" returns to). */
    readonly env: EnvSettings,
    private readonly ttlMs = SETTINGS_TTL_MS,
  ) {}

  async current(): Promise<EffectiveSettings> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.value;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Saves (value) or removes (null: back to the environment / default) one setting, inside the caller's transaction. */
  async write(manager: EntityManager, key: SettingKey, value: unknown, by: string, clock: Clock): Promise<void> {
    const repo = manager.getRepository(Setting);
    if (value === null) await repo.delete({ key });
    else await repo.upsert({ key, value: JSON.stringify(value), updatedAt: clock.now(), updatedBy: by }, ['key']);
  }

  /** Read from the database now, not from the cache: for a document that must carry what was just saved. */
  async fresh(): Promise<EffectiveSettings> {
    return this.load();
  }

  /** Forget the cache (after a write has committed). */
  invalidate(): void {
    this.cached = undefined;
  }

  private async load(): Promise<EffectiveSettings> {
    const rows = await this.dataSource.getRepository(Setting).find();
    const value = resolveSettings(this.env, rows);
    this.cached = { at: Date.now(), value };
    return value;
  }
}
