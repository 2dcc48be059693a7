import type { IncomingMessage, ServerResponse } from 'node:http';

/** A file held in memory, served at its path. */
export interface StaticFile {
  contentType: string;
  body: string | Uint8Array;
}

/** Answers with the file of the request's path, never cached; any other path is a 404. */
export function filesHandler(files: Readonly<Record<string, StaticFile>>) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const file = files[new URL(request.url ?? '/', 'http://host').pathname];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  };
}
