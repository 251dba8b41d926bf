import { loadConfig, SETTINGS, type SettingName } from '../../core/config.ts';
import { shownSetting } from '../../core/secrets.ts';

/** One effective setting, named by its environment variable: its value (secrets hidden) and where it came from. */
export interface Setting {
  name: string;
  value: string;
  from: 'env' | 'file' | 'default';
}

/**
 * The configuration every command would use right now (core/config.ts),
 * secrets hidden: the settings read from the environment, test hooks aside.
 * `electrolake config` lists them all, under their config-file names.
 */
export function effectiveSettings(): Setting[] {
  const { settings, origins } = loadConfig();
  return (Object.keys(SETTINGS) as SettingName[]).flatMap((name): Setting[] => {
    const setting = SETTINGS[name];
    const first = setting.env[0];
    if (first === undefined || 'hook' in setting) return [];
    const origin = origins[name];
    const shown = shownSetting(name, settings[name]);
    return [{
      name: origin.kind === 'env' ? origin.name : first,
      value: shown === null ? `(unset${'unset' in setting ? `: ${setting.unset}` : ''})` : typeof shown === 'boolean' ? (shown ? 'on' : 'off') : String(shown),
      from: origin.kind === 'flag' ? 'env' : origin.kind,
    }];
  });
}

/** Prints the settings as aligned `NAME  value  (default|file)` lines. */
export function formatSettings(settings: Setting[]): string[] {
  const width = Math.max(...settings.map((s) => s.name.length));
  return settings.map((s) => `  ${s.name.padEnd(width)}  ${s.value}${s.from !== 'env' && !s.value.startsWith('(') ? `  (${s.from})` : ''}`);
}
