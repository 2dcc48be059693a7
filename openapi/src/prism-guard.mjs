// Runs Prism as a child and takes it down with this process's parent: when the test process
// that started us dies, however it dies, our stdin closes and Prism is stopped, so an
// interrupted or crashed test run never leaves a Prism server behind.
import { spawn } from 'node:child_process';

const [entry, ...args] = process.argv.slice(2);
const prism = spawn(process.execPath, [entry, ...args], {
  stdio: ['ignore', 'inherit', 'inherit'],
});

const stop = () => prism.kill('SIGTERM');
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
prism.on('exit', (code) => process.exit(code ?? 0));
