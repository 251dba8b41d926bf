/**
 * The few setting values the command line's help shows, as plain constants:
 * `electrolake --version` and `--help` load this module, not the settings
 * table (settings.ts), whose schemas and config-file parser would double the
 * start-up time of every command.
 */
export const ENGINE_NAMES = ['duckdb', 'spark'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export const DEFAULT_ENGINE: EngineName = 'duckdb';
export const DEFAULT_SOURCES = 'data/sources';
