// A Markdown file imported by the theme is a Vue component, compiled by VitePress.
declare module '*.md' {
  import type { DefineComponent } from 'vue';

  const component: DefineComponent;
  export default component;
}
