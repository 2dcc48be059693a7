/**
 * Redoc's options for the HTTP reference, in the site's colours and fonts: one set for the
 * light appearance and one for the dark, since Redoc takes its theme once, at `init`. The
 * values are VitePress's own (`--vp-c-*`, `--vp-font-family-*`): Redoc computes shades from
 * them, so they must be colours, not `var(...)`.
 */
const FONT = "Inter, ui-sans-serif, system-ui, sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji'";
const MONO = "ui-monospace, Menlo, Monaco, Consolas, 'Liberation Mono', 'Courier New', monospace";

interface Palette {
  brand: string;
  text: string;
  textSoft: string;
  background: string;
  backgroundAlt: string;
  divider: string;
  codeBackground: string;
}

const LIGHT: Palette = {
  brand: '#3451b2',
  text: '#3c3c43',
  textSoft: '#67676c',
  background: '#ffffff',
  backgroundAlt: '#f6f6f7',
  divider: '#e2e2e3',
  codeBackground: '#161618',
};

const DARK: Palette = {
  brand: '#a8b1ff',
  text: '#dfdfd6',
  textSoft: '#98989f',
  background: '#1b1b1f',
  backgroundAlt: '#161618',
  divider: '#2e2e32',
  codeBackground: '#202127',
};

export function redocOptions(dark: boolean, navHeight: number): Record<string, unknown> {
  const c = dark ? DARK : LIGHT;
  return {
    // The site's top bar stays on screen: Redoc's sidebar and anchors start below it.
    scrollYOffset: navHeight,
    expandResponses: '200,201',
    jsonSampleExpandLevel: 3,
    hideHostname: false,
    theme: {
      colors: {
        primary: { main: c.brand },
        text: { primary: c.text, secondary: c.textSoft },
        border: { dark: c.divider, light: c.divider },
        tonalOffset: 0.2,
      },
      typography: {
        fontFamily: FONT,
        fontSize: '15px',
        lineHeight: '1.6',
        headings: { fontFamily: FONT, fontWeight: '600' },
        code: {
          fontFamily: MONO,
          fontSize: '13px',
          color: c.brand,
          backgroundColor: c.backgroundAlt,
        },
        links: { color: c.brand, visited: c.brand, hover: c.text },
      },
      sidebar: {
        width: '272px',
        backgroundColor: c.backgroundAlt,
        textColor: c.text,
        activeTextColor: c.brand,
        groupItems: { activeBackgroundColor: c.background, activeTextColor: c.brand },
        level1Items: { activeBackgroundColor: c.background, activeTextColor: c.brand },
      },
      rightPanel: { backgroundColor: c.codeBackground, textColor: '#dfdfd6' },
      codeBlock: { backgroundColor: dark ? c.backgroundAlt : '#202127' },
      schema: {
        nestedBackground: c.backgroundAlt,
        linesColor: c.divider,
        typeNameColor: c.textSoft,
        typeTitleColor: c.text,
        requireLabelColor: dark ? '#f66f81' : '#c20f2a',
      },
      fab: { backgroundColor: c.brand, color: c.background },
    },
  };
}
