import { loadConfig, SETTINGS, type EngineName, type Origin, type SettingName } from '../../core/config.ts';

/**
 * `electrolake config`: the effective settings and where each comes from,
 * secrets hidden (a password inside a URI is hidden, the rest of the URI
 * shown, so the user can see which server is meant).
 */
export default async function config(options: { lake?: string; engine?: EngineName; json?: boolean }): Promise<void> {
  const { settings, origins } = loadConfig({ lake: options.lake, engine: options.engine });
  const rows = (Object.keys(SETTINGS) as SettingName[]).map((name) => ({
    name,
    value: shown(name, settings[name]),
    from: describeOrigin(origins[name]),
  }));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(Object.fromEntries(rows.map((r) => [r.name, { value: r.value, from: r.from }])), null, 2)}\n`);
    return;
  }
  const text = rows.map((r) => ({ ...r, value: r.value === null ? '(unset)' : String(r.value) }));
  const width = Math.max(...text.map((r) => r.name.length));
  const valueWidth = Math.max(...text.map((r) => r.value.length));
  for (const r of text) process.stdout.write(`${r.name.padEnd(width)}  ${r.value.padEnd(valueWidth)}  ${r.from}\n`);
}

export function shown(name: SettingName, value: unknown): string | number | boolean | null {
  if (value === undefined) return null;
  const setting = SETTINGS[name];
  if (!('secret' in setting) || typeof value !== 'string') return value as string | number | boolean;
  // A URI keeps its scheme, host and path; only the credentials go.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value.replace(/\/\/[^@/]*@/, '//***@');
  return '***';
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
