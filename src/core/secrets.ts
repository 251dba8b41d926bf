import { SETTINGS, type SettingName } from './settings.ts';

/**
 * How a setting is shown (`electrolake config`, `electrolake doctor`): a URI
 * keeps its scheme, user, host and path so the reader sees which server is
 * meant, without its password or token; any other secret shows only that it
 * is set. Unset is `null`.
 */
export function shownSetting(name: SettingName, value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return value as number | boolean;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return hideUrlSecrets(value);
  return 'secret' in SETTINGS[name] ? `set (${value.length} characters, hidden)` : value;
}

/**
 * A connection string without its secrets: the password of `user:password@`
 * and `token=`/`password=` parameters (Spark Connect's `;token=…`, query
 * strings) become `***`.
 */
export function hideUrlSecrets(value: string): string {
  return value
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, '$1:***@')
    .replace(/([;?&](?:token|password|secret|key)=)[^;&]*/gi, '$1***');
}
