import { loadConfig, SETTINGS, type EngineName, type Origin, type SettingName } from '../../core/config.ts';
import { shownSetting } from '../../core/secrets.ts';

/**
 * `electrolake config`: the effective settings and where each comes from,
 * secrets hidden (core/secrets.ts).
 */
export default async function config(options: { lake?: string; engine?: EngineName; json?: boolean }): Promise<void> {
  const { settings, origins } = loadConfig({ lake: options.lake, engine: options.engine });
  const rows = (Object.keys(SETTINGS) as SettingName[]).map((name) => ({
    name,
    value: shownSetting(name, settings[name]),
    from: describeOrigin(origins[name]),
  }));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(Object.fromEntries(rows.map((r) => [r.name, { value: r.value, from: r.from }])), null, 2)}\n`);
    return;
  }
  const text = rows.map((r) => ({ ...r, value: r.value === null ? `(unset${unsetNote(r.name)})` : String(r.value) }));
  const width = Math.max(...text.map((r) => r.name.length));
  const valueWidth = Math.max(...text.map((r) => r.value.length));
  for (const r of text) process.stdout.write(`${r.name.padEnd(width)}  ${r.value.padEnd(valueWidth)}  ${r.from}\n`);
}

function describeOrigin(origin: Origin): string {
  switch (origin.kind) {
    case 'flag':
      return 'flag';
    case 'env':
      return `env ${origin.name}`;
    case 'file':
      return `file ${origin.path}`;
    case 'default':
      return 'default';
  }
}

function unsetNote(name: SettingName): string {
  const setting = SETTINGS[name];
  return 'unset' in setting ? `: ${setting.unset}` : '';
}
