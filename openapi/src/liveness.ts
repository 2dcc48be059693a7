/**
 * Checks for tests that start servers: whether something answers, whether a process still
 * exists, and waiting for either to change. The process guard lives beside them, in this
 * package, and so do the checks that it works.
 */

/** Whether anything answers HTTP at `url`, whatever the status, within a second or two. */
export function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    () => true,
    () => false,
  );
}

/** Polls `check` every 100 ms until it holds (true) or `timeoutMs` has passed (false). */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/** Whether process `pid` still exists (a zombie counts until it is reaped). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
