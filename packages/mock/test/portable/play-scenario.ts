/** Plays the portable scenario in this process and prints its result as JSON (for child processes). */
import { createMockApp } from '../../src/index.js';
import { playScenario } from './scenario.js';

process.stdout.write(JSON.stringify(await playScenario(createMockApp)));
