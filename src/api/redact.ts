/**
 * Answers never tell where things are: absolute paths (the lake, the
 * sources, the embedded file), URLs and hosts of backing services are
 * replaced by placeholders in server errors and in the lake documents the
 * API serves. The log keeps them.
 */
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"()]+/gi;
const ABSOLUTE_PATH = /(^|[\s'"(=:])(?:\/[^\s'"()/]+)+\/?/g;
const HOST_PORT = /\b(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[0-9a-f:]+\])(?::\d+)?\b/gi;

export function scrub(text: string): string {
  return text.replace(URL_PATTERN, '<url>').replace(ABSOLUTE_PATH, '$1<path>').replace(HOST_PORT, '<host>');
}

export function scrubValue(value: unknown): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map(scrubValue);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v)]));
  return value;
}
