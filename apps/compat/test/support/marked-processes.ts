import { readdirSync, readFileSync } from 'node:fs';

/**
 * The PIDs of this user's processes whose environment holds `NAME=value`: a process tree
 * started with a marker in its environment passes it to everything it starts in turn
 * (`bash` → `npx` → `sh` → `node`), so this finds the whole tree, wherever it was reparented.
 * Linux only (`/proc`), like the rest of the walk.
 */
export function markedProcesses(name: string, value: string): number[] {
  const entry = `${name}=${value}`;
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(entry);
      } catch {
        // Another user's process, or one that ended while we looked.
        return false;
      }
    })
    .map(Number);
}
