/**
 * Builds the whole site into `site/`: the guides of `docs/`, the API reference (typedoc, from
 * the packages' sources), the changelog (from the changesets) and the HTTP reference (a page
 * on which Redoc renders the OpenAPI contract). Run it with `pnpm run docs` (plain `pnpm docs` is a built-in pnpm command).
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MODELS } from '@chatroutes/fetch';
import { specPath } from '@chatroutes/openapi';
import { build } from 'vitepress';
import { readChangesets, renderChangelog } from '../src/changelog.js';
import { GUIDES } from '../src/guides.js';
import { HOME_PAGE } from '../src/home-page.js';
import { stageHttpReference } from '../src/http-reference.js';
import { modelsTable } from '../src/models-table.js';
import { appDir, guidesDir, repoDir, siteDir, stagingDir } from '../src/paths.js';
import { REFERENCE_JSON_DIR, REFERENCE_PACKAGES } from '../typedoc/packages.mjs';

const run = promisify(execFile);
const bin = (name: string) => join(appDir, 'node_modules', '.bin', name);

async function stageGuides(): Promise<void> {
  await mkdir(join(stagingDir, 'guide'), { recursive: true });
  for (const slug of GUIDES) {
    const text = await readFile(join(guidesDir, `${slug}.md`), 'utf8');
    await writeFile(join(stagingDir, 'guide', `${slug}.md`), modelsTable.fill(text, MODELS));
  }
  await writeFile(join(stagingDir, 'index.md'), HOME_PAGE);
  await cp(join(appDir, 'public'), join(stagingDir, 'public'), { recursive: true });
  // The built playground (apps/playground, built first by turbo), served at /playground/.
  await cp(join(repoDir, 'apps/playground/dist'), join(stagingDir, 'public', 'playground'), {
    recursive: true,
  });
}

async function stageChangelog(): Promise<void> {
  const released = [];
  for (const dir of REFERENCE_PACKAGES) {
    const pkg = JSON.parse(await readFile(join(repoDir, dir, 'package.json'), 'utf8'));
    const changelog = await readFile(join(repoDir, dir, 'CHANGELOG.md'), 'utf8').catch(() => '');
    if (changelog) released.push({ name: pkg.name as string, changelog });
  }
  const page = renderChangelog(await readChangesets(repoDir), released);
  await writeFile(join(stagingDir, 'changelog.md'), page);
}

/** Runs typedoc; its warnings (errors here) are kept for the report below. */
async function typedoc(args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  await run(bin('typedoc'), args, {
    cwd: appDir,
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    throw Object.assign(
      new Error(
        `The API reference failed (typedoc treats warnings as errors): every public export of ${REFERENCE_PACKAGES.join(', ')} needs TSDoc, and every type it mentions must be exported. See the warnings above.`,
      ),
      // typedoc prints its warnings on stderr: keep both streams for the report below.
      { stdout: error.stdout, stderr: error.stderr },
    );
  });
}

async function stageReference(): Promise<void> {
  // Each package on its own (every entry point of its exports map, its own tsconfig), one
  // after the other: the machine's cores go to the guides and the HTTP reference meanwhile.
  await rm(REFERENCE_JSON_DIR, { recursive: true, force: true });
  for (const packageDir of REFERENCE_PACKAGES) {
    await typedoc(['--options', 'typedoc/package.config.mjs'], { REFERENCE_PACKAGE: packageDir });
  }
  // Then merged into the site's pages (typedoc.config.mjs), where links between packages resolve.
  await typedoc([]);
}

async function main(): Promise<void> {
  const started = Date.now();
  await rm(stagingDir, { recursive: true, force: true });
  await rm(siteDir, { recursive: true, force: true });
  await stageGuides();
  await Promise.all([stageHttpReference(stagingDir, specPath), stageChangelog(), stageReference()]);
  await build(appDir);
  const pages = (await readdir(siteDir, { recursive: true })).filter((file) =>
    file.endsWith('.html'),
  );
  console.log(
    `Site built in ${Math.round((Date.now() - started) / 1000)} s: ${pages.length} pages in ${siteDir}`,
  );
}

main().catch((error: unknown) => {
  const output = (error as { stdout?: string; stderr?: string }) ?? {};
  if (output.stdout) process.stderr.write(output.stdout);
  if (output.stderr) process.stderr.write(output.stderr);
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
