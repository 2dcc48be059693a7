import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Chromium is: `CHROMIUM_PATH` (CI exports it), else Debian's package. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Headless, as root, on a machine without network: the background-networking flags stop
// Chromium from trying (and failing, loudly) to reach its update and sync services.
/** The flags every launch passes (a Playwright config's `launchOptions.args` too). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches headless Chromium through playwright-core; fails clearly when it is missing. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}: install Debian's chromium package (scripts/ensure-chromium.sh) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS] });
}
