// The public packages as npm would install them from the registry.
//
//   node scripts/tarballs.mjs pack [dir]   packs them into dir (default: tarballs/)
//   node scripts/tarballs.mjs check        packs them into a scratch folder, installs the
//                                          tarballs there with npm, and loads each one
//
// Packing goes through `pnpm pack`, which rewrites `workspace:*` ranges to real versions;
// `npm pack` keeps them, and npm cannot install such a tarball.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The packages of packages/ that are published (not private), with their folders. */
function publicPackages() {
  return readdirSync(join(root, 'packages'))
    .map((folder) => join(root, 'packages', folder))
    .map((dir) => ({ dir, manifest: readJson(join(dir, 'package.json')) }))
    .filter(({ manifest }) => manifest && !manifest.private);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

// Without the variables pnpm sets for the script running us, which would steer the child
// npm and pnpm (a lifecycle event, the script's own config).
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(npm_|pnpm_)/i.test(name)),
);

const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function pack(destination) {
  mkdirSync(destination, { recursive: true });
  const packages = publicPackages();
  for (const { dir } of packages) run('pnpm', ['pack', '--pack-destination', destination], dir);
  const tarballs = readdirSync(destination)
    .filter((file) => file.endsWith('.tgz'))
    .map((file) => join(destination, file));
  for (const tarball of tarballs) {
    const manifest = run('tar', ['-xzOf', tarball, 'package/package.json'], root);
    if (manifest.includes('"workspace:')) {
      throw new Error(`${tarball} still has a workspace: range: npm could not install it`);
    }
  }
  return { packages, tarballs };
}

function check() {
  const scratch = mkdtempSync(join(tmpdir(), 'chatroutes-release-tarballs-'));
  try {
    const { packages, tarballs } = pack(join(scratch, 'tarballs'));
    const project = join(scratch, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'release-check', private: true, type: 'module' })}\n`,
    );
    // Our packages come from the local tarballs only; their own dependencies from npm's
    // cache or the registry, as for a user.
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs], project);
    for (const { manifest } of packages) {
      const name = JSON.stringify(manifest.name);
      run('node', ['--input-type=module', '-e', `await import(${name})`], project);
      run('node', ['--input-type=commonjs', '-e', `require(${name})`], project);
    }
    const installed = packages.map(({ manifest }) => `${manifest.name}@${manifest.version}`);
    console.log(
      `npm installs the packed tarballs, and each loads (ESM and CJS): ${installed.join(', ')}`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true, maxRetries: 5 });
  }
}

const [mode, dir = 'tarballs'] = process.argv.slice(2);
try {
  if (mode === 'check') check();
  else if (mode === 'pack') {
    const destination = resolve(root, dir);
    const { tarballs } = pack(destination);
    console.log(`Packed ${tarballs.length} tarballs. Install them in another project with:`);
    console.log(`  npm install ${tarballs.join(' ')}`);
  } else {
    console.error('Usage: node scripts/tarballs.mjs pack [dir] | check');
    process.exitCode = 2;
  }
} catch (error) {
  // execFileSync's error carries what the child printed: show that, not our stack.
  const { stdout = '', stderr = '', message } = error;
  console.error(`${stdout}${stderr}`.trim() || message);
  console.error(`tarballs ${mode}: ${message.split('\n')[0]}`);
  process.exitCode = 1;
}
