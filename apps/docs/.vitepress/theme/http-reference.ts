import { useData, withBase } from 'vitepress';
import { defineComponent, h, onBeforeUnmount, onMounted, ref, watch } from 'vue';
import { redocOptions } from './redoc-theme.js';

interface RedocGlobal {
  init(specUrl: string, options: object, element: HTMLElement, onLoaded?: () => void): void;
}
declare global {
  interface Window {
    Redoc?: RedocGlobal;
  }
}

let loading: Promise<RedocGlobal> | undefined;

/** Redoc's standalone bundle, loaded once, when the reference is first opened. */
function loadRedoc(): Promise<RedocGlobal> {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = withBase('/http/redoc.standalone.js');
    script.onload = () => (window.Redoc ? resolve(window.Redoc) : reject(new Error('no Redoc')));
    script.onerror = () => reject(new Error(`could not load ${script.src}`));
    document.head.append(script);
  });
  return loading;
}

/**
 * The HTTP reference inside the site's layout: Redoc renders the spec below the site's top
 * bar, in the site's colours, and renders again when the reader switches light or dark (Redoc
 * takes its theme only at `init`). Each rendering gets a fresh container, so no React root
 * is ever reused; the previous one goes once the new one has loaded, without a blank frame.
 */
export const HttpReference = defineComponent({
  name: 'HttpReference',
  setup() {
    const { isDark } = useData();
    const host = ref<HTMLElement>();
    let unmounted = false;

    const render = async () => {
      const redoc = await loadRedoc();
      const target = host.value;
      if (unmounted || !target) return;
      const previous = [...target.children];
      const container = document.createElement('div');
      target.append(container);
      const navHeight = document.querySelector('.VPNav')?.getBoundingClientRect().height ?? 64;
      redoc.init(
        withBase('/http/chatroutes.yaml'),
        redocOptions(isDark.value, navHeight),
        container,
        () => {
          for (const element of previous) element.remove();
          target.dataset.loaded = isDark.value ? 'dark' : 'light';
        },
      );
    };

    onMounted(render);
    watch(isDark, render);
    onBeforeUnmount(() => {
      unmounted = true;
    });
    return () => h('div', { ref: host, class: 'http-reference' });
  },
});
