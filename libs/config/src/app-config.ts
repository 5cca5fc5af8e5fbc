import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { resolve } from 'node:path';

/**
 * Every setting duban reads from the environment, validated once at boot.
 * Nothing else in the code base reads process.env.
 */
export class AppConfig {
  /** postgres://user@host:5432/db switches from the embedded SQLite file to PostgreSQL. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// (leave it unset for SQLite)' })
  DATABASE_URL?: string;

  /** PostgreSQL only: schema holding duban's tables (default: the server's search_path, normally "public"). */
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL identifier (letters, digits, _)' })
  DATABASE_SCHEMA?: string;

  /** Folder for the SQLite file, uploads and generated files. */
  @IsString()
  DUBAN_DATA_DIR: string = 'data';

  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  /** Import seeds/*.txt when the database holds no plan yet. */
  @IsIn(['true', 'false'], { message: 'DUBAN_IMPORT_SEEDS must be true or false' })
  DUBAN_IMPORT_SEEDS: string = 'true';

  @IsString()
  DUBAN_SEEDS_DIR: string = 'seeds';

  @IsIn(['error', 'warn', 'log', 'debug'], { message: 'LOG_LEVEL must be one of error, warn, log, debug' })
  LOG_LEVEL: string = 'log';

  get databaseType(): 'sqlite' | 'postgres' {
    return this.DATABASE_URL ? 'postgres' : 'sqlite';
  }

  get dataDir(): string {
    return resolve(this.DUBAN_DATA_DIR);
  }

  get sqlitePath(): string {
    return resolve(this.dataDir, 'duban.sqlite');
  }
}

export class ConfigError extends Error {}

/** Builds the config from an environment (process.env by default); throws naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const picked: Record<string, string> = {};
  for (const key of [...known, 'DATABASE_URL', 'DATABASE_SCHEMA']) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const config = plainToInstance(AppConfig, picked);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return config;
}
