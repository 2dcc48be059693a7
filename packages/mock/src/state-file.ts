import { renameSync, writeFileSync } from 'node:fs';
import type { MockStateSnapshot } from './snapshot/format.js';

/**
 * The `--save-state` file. Each save writes the whole snapshot to a temporary file beside
 * it, then renames that over it: a process killed at any moment (SIGKILL included) leaves
 * the last complete snapshot, never part of one. A save of what the file already holds
 * writes nothing.
 */
export class StateFile {
  readonly path: string;
  readonly #temporary: string;
  #written: string | undefined;

  constructor(path: string) {
    this.path = path;
    this.#temporary = `${path}.${process.pid}.tmp`;
  }

  /** Writes the snapshot unless the file holds it already; throws what the file system says. */
  save(snapshot: MockStateSnapshot): void {
    const text = `${JSON.stringify(snapshot, null, 2)}\n`;
    if (text === this.#written) return;
    writeFileSync(this.#temporary, text);
    renameSync(this.#temporary, this.path);
    this.#written = text;
  }
}
