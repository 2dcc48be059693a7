import {
  appendFileSync,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import type { StateChanges } from './domain/state.js';
import { MockStateError, type MockStateSnapshot } from './snapshot/format.js';
import { applyJournal, journalLine } from './snapshot/journal.js';

/**
 * The `--save-state` file and its journal beside it (`<file>.journal`). Each committed
 * change is appended to the journal before it is answered: a line of the records it
 * touched, so a change costs what it touched, however large the state. The snapshot is
 * rewritten whole only at start and on a clean stop (`compact`), to a temporary file
 * renamed over it, and then the journal is removed: a process killed at any moment
 * (SIGKILL included) leaves a snapshot and a journal that together hold every answered
 * change. `readStateFile` reads them back as one.
 */
export class StateFile {
  readonly path: string;
  readonly #journal: string;
  readonly #temporary: string;

  constructor(path: string) {
    this.path = path;
    this.#journal = journalOf(path);
    this.#temporary = `${path}.${process.pid}.tmp`;
  }

  /** Appends a change to the journal (nothing for a change that touched nothing). */
  append(changes: StateChanges): void {
    const line = journalLine(changes);
    if (line !== undefined) appendFileSync(this.#journal, line);
  }

  /** Writes the whole snapshot, then removes the journal it absorbs. */
  compact(snapshot: MockStateSnapshot): void {
    writeFileSync(this.#temporary, `${JSON.stringify(snapshot, null, 2)}\n`);
    renameSync(this.#temporary, this.path);
    rmSync(this.#journal, { force: true });
  }
}

/**
 * A snapshot file as it stands: its text, with the changes of a journal beside it (left by
 * a run that was killed) applied. Throws what the file system says, or MockStateError for
 * a journal that cannot be read.
 */
export function readStateFile(path: string): string | MockStateSnapshot {
  const text = readFileSync(path, 'utf8');
  const journal = journalOf(path);
  if (!existsSync(journal)) return text;
  let snapshot: MockStateSnapshot;
  try {
    snapshot = JSON.parse(text);
  } catch {
    // The snapshot reader says what is wrong with it.
    return text;
  }
  if (!snapshot || typeof snapshot !== 'object' || !Array.isArray(snapshot.messages)) {
    throw new MockStateError('', `cannot apply ${journal} to a file that is not a snapshot`);
  }
  return applyJournal(snapshot, readFileSync(journal, 'utf8'));
}

const journalOf = (path: string) => `${path}.journal`;
