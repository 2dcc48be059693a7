import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { guidesDir } from './paths.js';

/**
 * The guides in `docs/`, in reading order and in the sidebar's groups. A test checks that
 * every Markdown file of `docs/` is here, so no guide is left out of the navigation.
 */
const GROUPS = [
  { text: 'Start here', slugs: ['getting-started', 'from-python', 'runtimes', 'versioning'] },
  {
    text: 'The API',
    slugs: [
      'conversations',
      'messages-and-streaming',
      'branches-and-forks',
      'checkpoints',
      'autobranch',
      'models',
    ],
  },
  {
    text: 'Building with it',
    slugs: [
      'errors-and-retries',
      'advanced',
      'branching-chat-ui',
      'ai-sdk',
      'assistant-ui',
      'security-model',
      'low-level-fetch-client',
    ],
  },
  { text: 'Testing', slugs: ['testing-with-the-mock'] },
] as const;

// Guides being written on other branches: placed where they belong, listed once they exist.
const PENDING = new Set<string>(['runtimes', 'advanced']);
const exists = (slug: string) => !PENDING.has(slug) || existsSync(join(guidesDir, `${slug}.md`));

export type GuideSlug = (typeof GROUPS)[number]['slugs'][number];

/** The sidebar's groups, each with the guides that exist. */
export const GUIDE_GROUPS: { text: string; slugs: GuideSlug[] }[] = GROUPS.map((group) => ({
  text: group.text,
  slugs: group.slugs.filter(exists),
}));

/** Every guide, in reading order. */
export const GUIDES: GuideSlug[] = GUIDE_GROUPS.flatMap((group) => group.slugs);
