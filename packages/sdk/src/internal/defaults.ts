/**
 * The one set of defaults: the client's options, each call's overrides and every stream read
 * them from here, so a request and a stream re-open never disagree.
 */

/** Milliseconds per attempt (for a stream: until its response headers). */
export const DEFAULT_TIMEOUT = 60_000;
/** Retries after the first attempt. */
export const DEFAULT_RETRY_ATTEMPTS = 3;
/** First backoff in milliseconds, doubled on each retry. */
export const DEFAULT_RETRY_DELAY = 1000;
/** Longest silence between two stream events, in milliseconds. */
export const DEFAULT_IDLE_TIMEOUT = 60_000;
/** Most bytes of one stream event: far above any reply (the `complete` chunk carries it once). */
export const DEFAULT_MAX_EVENT_BYTES = 8 * 1024 * 1024;
