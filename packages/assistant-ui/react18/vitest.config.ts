import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The same tests as the package's own config, with React, react-dom, assistant-ui and Testing
// Library taken from this folder, where pnpm links them to React 18.
const require = createRequire(import.meta.url);
const own = (name: string) => ({
  find: new RegExp(`^${name}$`),
  replacement: require.resolve(name),
});

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  resolve: {
    alias: [
      own('react'),
      own('react/jsx-runtime'),
      own('react/jsx-dev-runtime'),
      own('react-dom'),
      own('react-dom/client'),
      own('@assistant-ui/react'),
      own('@testing-library/react'),
    ],
  },
  test: {
    name: 'react 18',
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['test/setup.ts'],
    // A test streams several replies through assistant-ui's rendering (see test/setup.ts).
    testTimeout: 60_000,
  },
});
