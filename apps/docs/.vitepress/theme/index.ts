import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import { h } from 'vue';
import HomeQuickstart from './home-quickstart.md';
import { HttpReference } from './http-reference.js';
import './custom.css';

export default {
  extends: DefaultTheme,
  // The home page's first screen: the install line and a first program, under the hero's
  // buttons (the Markdown is type-checked and run with the guides' samples).
  Layout: () =>
    h(DefaultTheme.Layout, null, {
      'home-hero-actions-after': () =>
        h('div', { class: 'vp-doc home-quickstart' }, h(HomeQuickstart)),
    }),
  enhanceApp({ app }) {
    app.component('HttpReference', HttpReference);
  },
} satisfies Theme;
