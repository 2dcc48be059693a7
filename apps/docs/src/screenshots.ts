import { GUIDES } from './guides.js';

/** A page of the site that gets its screenshots, by the path a reader opens. */
export interface ShotPage {
  name: string;
  path: string;
  /** Shown once the page has finished drawing (Redoc renders after `load`). */
  ready?: string;
}

export const SHOT_PAGES: ShotPage[] = [
  { name: 'home', path: '/' },
  ...GUIDES.map((slug) => ({ name: `guide-${slug}`, path: `/guide/${slug}.html` })),
  {
    name: 'http-reference',
    path: '/http/',
    ready: '.http-reference[data-loaded] [id*="operation/"]',
  },
  { name: 'api-reference', path: '/api/' },
  // An entry point of its own (`chatroutes/store`), in the sidebar under its package.
  { name: 'api-conversation-store', path: '/api/chatroutes/store/classes/ConversationStore.html' },
  { name: 'changelog', path: '/changelog.html' },
];

export const APPEARANCES = ['light', 'dark'] as const;

/** The first screen of a laptop and of a phone, at one pixel per CSS pixel to stay small. */
export const DEVICES = {
  desktop: { viewport: { width: 1280, height: 800 }, isMobile: false },
  mobile: { viewport: { width: 390, height: 844 }, isMobile: true },
} as const;

export type Device = keyof typeof DEVICES;

export function shotFileName(page: ShotPage, appearance: string, device: string): string {
  return `${page.name}.${appearance}.${device}.png`;
}
