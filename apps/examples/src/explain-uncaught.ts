// Loaded before each example by `pnpm example` (`node --import`): an example stops at its
// first failure, and one the reader can fix (a server it cannot reach, a refused key) ends
// in one sentence and exit code 1, as in the demo. Anything else keeps its stack.
import { explainFailure } from './failure.js';

process.on('uncaughtException', (error) => {
  console.error(explainFailure(error, process.env.CHATROUTES_BASE_URL) ?? error);
  process.exit(1);
});
