/**
 * A stand-in for a test runner that is killed while the soak runs: it starts the mock exactly
 * as the soak test does, prints the mock's URL and the guard's PID as JSON, then waits to be
 * killed.
 *
 *   node --import tsx killed-runner.ts
 */
import { startSoakMock } from './soak-mock.js';

const mock = await startSoakMock();
process.stdout.write(`${JSON.stringify({ url: mock.url, guardPid: mock.process.pid })}\n`);
setInterval(() => {}, 60_000);
