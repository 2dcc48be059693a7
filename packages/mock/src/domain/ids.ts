import type { Random } from './prng.js';

/** The id prefixes the service uses (`conv_…`, `br_…`, `msg_…`, `cp_…`) and request ids' `req_…`. */
export type IdPrefix = 'conv' | 'br' | 'msg' | 'cp' | 'req';

/**
 * Ids shaped like the service's (`msg_5e6f7a8b9c0d`), drawn from the mock's seeded
 * generator: the same seed with the same requests gives the same ids.
 */
export function createIdGenerator(random: Random): (prefix: IdPrefix) => string {
  return (prefix) => {
    let hex = '';
    while (hex.length < 16)
      hex += Math.floor(random() * 0x10000)
        .toString(16)
        .padStart(4, '0');
    return `${prefix}_${hex}`;
  };
}
