import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_LAUNCH_OPTIONS, CHROMIUM_PATH, startHint } from './services.ts';

/** Debian's Chromium through playwright-core; a clear failure (never a skip) when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run \`${startHint('chromium')}\` (or set CHROMIUM_PATH)`);
  }
  return chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
}
