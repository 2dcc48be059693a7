/**
 * A stand-in for a test runner that is killed mid-walk: it starts a guide's mock exactly as
 * the walk does, prints the mock's URL as JSON, then waits to be killed.
 *
 *   node --import tsx killed-runner.ts '<command>' <folder>
 */
import { startGuideMock } from './guide-mock.js';

const [command, cwd] = process.argv.slice(2);
if (!command || !cwd) throw new Error('usage: killed-runner.ts <command> <folder>');
const mock = await startGuideMock(command, { cwd, env: process.env });
process.stdout.write(`${JSON.stringify({ url: mock.firstLine, guardPid: mock.process.pid })}\n`);
setInterval(() => {}, 60_000);
