import { createToken, listTokens, revokeToken } from '../../auth/token-file.ts';
import { openLakeWithFallback } from '../../lake/fallback.ts';

/**
 * `electrolake token create|list|revoke`: the API's tokens, kept in the
 * lake that `serve` reads (the same choice of lake: S3 first, then local).
 * A token is printed once, at creation; the lake holds only its hash.
 */
interface TokenOptions {
  lake?: string;
  json?: boolean;
}

async function lakeOf(options: TokenOptions) {
  return (await openLakeWithFallback({ lake: options.lake, log: (line) => process.stderr.write(`${line}\n`) })).lake;
}

export async function create(options: TokenOptions & { name: string; role: string }): Promise<void> {
  const { token, entry } = await createToken(await lakeOf(options), options.name, options.role);
  process.stderr.write(`token '${entry.name}' (${entry.role}) created: it is shown only now, keep it safe\n`);
  process.stdout.write(`${token}\n`);
}

export async function list(options: TokenOptions): Promise<void> {
  const tokens = await listTokens(await lakeOf(options));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
    return;
  }
  if (tokens.length === 0) {
    process.stdout.write('no tokens: the API asks for none (electrolake token create --name NAME --role viewer|sales|admin)\n');
    return;
  }
  for (const t of tokens) {
    process.stdout.write(`${t.name.padEnd(20)} ${t.role.padEnd(7)} created ${t.created_at.slice(0, 19)}  last used ${t.last_used?.slice(0, 19) ?? 'never'}\n`);
  }
}

export async function revoke(options: TokenOptions & { name: string }): Promise<void> {
  await revokeToken(await lakeOf(options), options.name);
  process.stdout.write(`token '${options.name}' revoked (a running serve stops accepting it within a second)\n`);
}
