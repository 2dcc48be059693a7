// Runs one command as a child and takes it down with this process's parent: when the process
// that started us dies, however it dies, our stdin closes and the command is stopped, so an
// interrupted or crashed test run never leaves a server behind.
//
//   node process-guard.mjs <command> [args...]
//
// The command runs in its own process group, and stopping it signals the whole group: a
// command that starts others in turn (`npx` → `sh` → `node`) is stopped with all of them.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

// How long the command has to exit after SIGTERM before its group is killed.
const GRACE_MS = 5000;

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('process-guard: usage: process-guard.mjs <command> [args...]\n');
  process.exit(2);
}
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });

const signalGroup = (signal) => {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: nothing of the group is left.
  }
};
let stopping = false;
/** Passes a stop on to the command's group (SIGINT stays SIGINT), then kills what is left. */
const stop = (signal) => {
  if (stopping || child.pid === undefined) return;
  stopping = true;
  signalGroup(signal);
  setTimeout(() => signalGroup('SIGKILL'), GRACE_MS);
};

process.stdin.on('end', () => stop('SIGTERM'));
process.stdin.on('close', () => stop('SIGTERM'));
process.stdin.resume();
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
child.once('error', (error) => {
  process.stderr.write(`process-guard: cannot run ${command}: ${error.message}\n`);
  process.exit(127);
});
child.once('exit', (code, signal) => {
  // Whatever the command started and left behind goes with it.
  signalGroup('SIGKILL');
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
});
