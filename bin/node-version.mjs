// Checked before anything else is loaded, in plain JavaScript that any Node
// parses, so an old Node gets one clear line instead of a syntax error.

/** The oldest Node the command line runs on (import.meta.dirname came in 20.11); package.json's engines says the same. */
export const MINIMUM_NODE = '20.11.0';

/** A message for the user when `version` (e.g. process.versions.node) is below `minimum`, else undefined. */
export function nodeVersionProblem(version, minimum = MINIMUM_NODE) {
  const have = version.split('.').map(Number);
  const need = minimum.split('.').map(Number);
  for (let i = 0; i < need.length; i += 1) {
    const a = have[i] ?? 0;
    const b = need[i] ?? 0;
    if (a > b) return undefined;
    if (a < b) {
      return `electrolake needs Node.js ${minimum} or newer, this is ${version}: install a current Node.js (https://nodejs.org, or \`nvm install 22\`)`;
    }
  }
  return undefined;
}
