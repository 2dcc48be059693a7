/** The signed-in user a request comes from, as the app's `authenticate` tells it. */
export interface RelayUser {
  /** A stable id of the user in the app (a database id, a session's subject). */
  userId: string;
}

/**
 * The app's session check: the user a request comes from, or `null` (or `undefined`) when
 * nobody is signed in, which the relay answers with 401.
 */
export type Authenticate = (
  request: Request,
) => RelayUser | null | undefined | Promise<RelayUser | null | undefined>;

/**
 * The `Idempotency-Key` as the API sees it: prefixed with a digest of the user id, so user B
 * sending user A's key never receives A's stored answer, and the API never sees the user id.
 */
export async function userIdempotencyKey(userId: string, key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(userId));
  return `${btoa(String.fromCharCode(...new Uint8Array(digest)))}.${key}`;
}
