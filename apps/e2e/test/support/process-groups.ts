import { readdirSync, readFileSync } from 'node:fs';

/** The PIDs of the children of process `pid` (Linux only, like the guard's process groups). */
export function childrenOf(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .split(' ')
    .filter(Boolean)
    .map(Number);
}

/**
 * The PIDs of the processes in process group `group`, wherever they were reparented: what the
 * guard starts runs in a group of its own, so this is everything it started, in turn included.
 */
export function processesInGroup(group: number): number[] {
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        // After the command name, which may hold spaces and parentheses: state, ppid, pgrp.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === group;
      } catch {
        // A process that ended while we looked.
        return false;
      }
    })
    .map(Number);
}
