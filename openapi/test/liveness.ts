/** Whether something answers HTTP at `url` within a second. */
export const answers = (url: string): Promise<boolean> =>
  fetch(url, { signal: AbortSignal.timeout(1000) }).then(
    () => true,
    () => false,
  );

/** Polls `condition` every 100 ms until it holds or `timeout` ms have passed. */
export async function eventually(
  condition: () => Promise<boolean>,
  timeout = 10_000,
): Promise<boolean> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
