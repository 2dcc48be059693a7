import type { JsonValue } from '../snapshot/format.js';
import type { Cassette } from './format.js';

/** One place where two cassettes differ. */
export interface CassetteDifference {
  /** Its JSON path, e.g. `interactions[3].response.body.data.message.content`. */
  path: string;
  /** The value in the first cassette (`undefined`: absent there). */
  before: JsonValue | undefined;
  /** The value in the second. */
  after: JsonValue | undefined;
}

/** What `diffCassettes` compares. */
export interface DiffOptions {
  /**
   * Compare everything. By default the fields that differ on every recording of the real
   * service are skipped: timestamps (fields ending in `At`) and `responseTime`.
   */
  strict?: boolean;
}

const VOLATILE = (key: string) => /[a-z]At$/.test(key) || key === 'responseTime';

/** Where two cassettes differ, in document order; empty when they match. */
export function diffCassettes(
  before: Cassette,
  after: Cassette,
  options: DiffOptions = {},
): CassetteDifference[] {
  const differences: CassetteDifference[] = [];
  const skip = options.strict ? () => false : VOLATILE;
  const walk = (a: JsonValue | undefined, b: JsonValue | undefined, path: string) => {
    if (isObject(a) && isObject(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (!skip(key)) walk(a[key], b[key], `${path}.${key}`);
      }
    } else if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`);
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      differences.push({ path, before: a, after: b });
    }
  };
  walk(
    before.interactions as unknown as JsonValue,
    after.interactions as unknown as JsonValue,
    'interactions',
  );
  return differences;
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
