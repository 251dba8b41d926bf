export type Json = Record<string, unknown>;

/** A JSON schema in a few words for the API page: `integer 1–1000, default 100`, `array of client_scores rows`. */
export function describeSchema(schema: Json): string {
  if (schema['title'] && schema['type'] === 'object') {
    const title = String(schema['title']);
    return `[\`${title}\`](gold-tables.md#${title}) row`;
  }
  if (schema['type'] === 'array') {
    const items = (schema['items'] ?? {}) as Json;
    return `array of ${describeSchema(items)}${items['title'] ? 's' : ''}`;
  }
  if (Array.isArray(schema['anyOf'])) return (schema['anyOf'] as Json[]).map(describeSchema).join(' or ');
  const parts: string[] = [];
  if (Array.isArray(schema['enum'])) parts.push(`one of ${(schema['enum'] as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}`);
  else parts.push(Array.isArray(schema['type']) ? (schema['type'] as string[]).join(' or ') : String(schema['type'] ?? 'any'));
  if (schema['format']) parts.push(`(${String(schema['format'])})`);
  // A format (`date`) says what its long regular expression checks.
  else if (schema['pattern']) parts.push(`matching \`${String(schema['pattern'])}\``);
  const min = schema['minimum'];
  const max = schema['maximum'];
  if (min !== undefined || max !== undefined) parts.push(`${String(min ?? '…')}–${String(max ?? '…')}`);
  if (schema['default'] !== undefined) parts.push(`default \`${String(schema['default'])}\``);
  if (schema['type'] === 'object' && schema['properties']) {
    parts.push(`{${Object.keys(schema['properties'] as Json).map((k) => `\`${k}\``).join(', ')}}`);
  }
  return parts.join(' ');
}
