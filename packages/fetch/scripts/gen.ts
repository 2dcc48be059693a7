import { mkdir, writeFile } from 'node:fs/promises';
import { generate } from './generate.js';

const outDir = new URL('../src/generated/', import.meta.url);
await mkdir(outDir, { recursive: true });
for (const [name, content] of Object.entries(await generate())) {
  await writeFile(new URL(name, outDir), content);
  console.log(`wrote src/generated/${name}`);
}
