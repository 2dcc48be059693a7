/**
 * The screenshots people review: every guide, the home page, the HTTP and API references and
 * the changelog, light and dark, desktop and mobile, written to `screenshots/` (committed).
 * Run `pnpm --filter @chatroutes/docs screenshots` after `pnpm run docs`, and look at them.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from '@chatroutes/chromium';
import { serveStatic } from '@chatroutes/static-server';
import { appDir, siteDir } from '../src/paths.js';
import { APPEARANCES, DEVICES, type Device, SHOT_PAGES, shotFileName } from '../src/screenshots.js';

const outDir = join(appDir, 'screenshots');
await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });
const server = await serveStatic(siteDir);
const browser = await launchChromium();
try {
  for (const appearance of APPEARANCES) {
    for (const device of Object.keys(DEVICES) as Device[]) {
      const context = await browser.newContext({
        ...DEVICES[device],
        deviceScaleFactor: 1,
        colorScheme: appearance,
      });
      const page = await context.newPage();
      for (const shot of SHOT_PAGES) {
        await page.goto(`${server.url}${shot.path}`, { waitUntil: 'load' });
        if (shot.ready) await page.locator(shot.ready).first().waitFor();
        // Fonts swap in after `load`; wait for them so the picture is the one a reader sees.
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({
          path: join(outDir, shotFileName(shot, appearance, device)),
          animations: 'disabled',
          caret: 'hide',
        });
      }
      await context.close();
    }
  }
  console.log(`${SHOT_PAGES.length * 4} screenshots in ${outDir}`);
} finally {
  await browser.close();
  await server.close();
}
