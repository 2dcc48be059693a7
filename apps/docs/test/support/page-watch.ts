import type { Page } from 'playwright-core';

/**
 * Records every problem a visitor's browser shows on a page of `origin`: console errors,
 * uncaught exceptions, requests to another origin, failed requests and answers ≥ 400.
 */
export function watchPage(page: Page, origin: string, problems: string[]): void {
  const where = () => {
    const url = page.url();
    return url.startsWith('http') ? new URL(url).pathname : url;
  };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${where()}: console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${where()}: uncaught ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && url.origin !== origin) {
      problems.push(`${where()}: request to another origin: ${request.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    // Leaving a page cancels VitePress's prefetches of the pages it links to: not a fault.
    // A missing file shows as a 404 response below instead.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`${where()}: request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url().startsWith(origin)) {
      problems.push(`${where()}: ${response.status()} for ${response.url()}`);
    }
  });
}
