/**
 * The guides in `docs/`, in reading order: the sidebar lists them so, and a test checks that
 * every Markdown file of `docs/` is here, so no guide is left out of the navigation.
 */
export const GUIDES = [
  'getting-started',
  'conversations',
  'messages-and-streaming',
  'branches-and-forks',
  'checkpoints',
  'autobranch',
  'errors-and-retries',
  'testing-with-the-mock',
  'low-level-fetch-client',
  'models',
  'from-python',
  'versioning',
] as const;

export type GuideSlug = (typeof GUIDES)[number];
