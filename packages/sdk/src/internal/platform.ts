// Injected at build time from package.json (tsup's and vitest's `define`), never hand-copied.
declare const __SDK_VERSION__: string;

/** Whether this is a web page (a window with a document), where an API key is public. */
export function isBrowser(): boolean {
  const scope = globalThis as { window?: { document?: unknown }; navigator?: unknown };
  return typeof scope.window?.document === 'object' && typeof scope.navigator === 'object';
}

/**
 * In a web page, a `baseUrl` that is a path (`/api/chatroutes`: a relay on the page's own
 * server) resolved against the page; `undefined` for any other value, or outside a page, where
 * the usual check refuses anything but an absolute URL.
 */
export function pageRelativeUrl(baseUrl: string | undefined): string | undefined {
  return isBrowser() && /^\/(?!\/)/.test(baseUrl as string)
    ? new URL(baseUrl as string, (globalThis as unknown as Window).location.href).href
    : undefined;
}

/**
 * `chatroutes-typescript/<version> (<runtime>/<version>)` outside browsers; in a browser,
 * nothing: a `User-Agent` header there is the browser's own, and a custom one would fail a
 * CORS preflight.
 */
export function userAgent(): string | undefined {
  if (isBrowser()) return undefined;
  const scope = globalThis as {
    Bun?: { version?: string };
    Deno?: { version?: { deno?: string } };
    process?: { versions?: { node?: string } };
  };
  const runtime = scope.Bun?.version
    ? `bun/${scope.Bun.version}`
    : scope.Deno?.version?.deno
      ? `deno/${scope.Deno.version.deno}`
      : scope.process?.versions?.node
        ? `node/${scope.process.versions.node}`
        : undefined;
  return `chatroutes-typescript/${__SDK_VERSION__}${runtime ? ` (${runtime})` : ''}`;
}
