import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from './content-types.js';

const isFile = (path: string) =>
  stat(path).then(
    (info) => info.isFile(),
    () => false,
  );

/**
 * The file a static host answers `pathname` with: `/a/` is `/a/index.html`, `/a` may be
 * `/a.html` or `/a/index.html`. Nothing outside `root` is ever a candidate.
 */
export async function resolveInFolder(root: string, pathname: string): Promise<string | undefined> {
  const relative = normalize(pathname).replace(/^([/\\])+/, '');
  if (relative.split(sep).includes('..')) return undefined;
  const base = join(root, relative);
  const candidates = pathname.endsWith('/')
    ? [join(base, 'index.html')]
    : [base, `${base}.html`, join(base, 'index.html')];
  for (const candidate of candidates) {
    if (await isFile(candidate)) return candidate;
  }
  return undefined;
}

/** Answers from the files of `root`; a miss is a 404 with the folder's `404.html`, if any. */
export function folderHandler(root: string) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const pathname = safeDecode(new URL(request.url ?? '/', 'http://host').pathname);
    const file = pathname === undefined ? undefined : await resolveInFolder(root, pathname);
    if (!file) {
      const notFound = join(root, '404.html');
      response.writeHead(404, { 'content-type': contentTypeOf(notFound) });
      if (await isFile(notFound)) createReadStream(notFound).pipe(response);
      else response.end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': contentTypeOf(file) });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  };
}

/** A malformed escape (`/%E0%A4%A`) names no file: it is a 404, not a crash. */
function safeDecode(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}
