import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** Constants replaced in the source at build time (tsup) and test time (vitest) alike. */
export const defines = { __SDK_VERSION__: JSON.stringify(version) };
