import { configure } from '@testing-library/react';

// These tests render assistant-ui in happy-dom while replies stream: on a CI machine running
// other suites at once a render can take seconds, longer than Testing Library's default 1 s
// for `waitFor`. A condition that is never met still fails, after 10 s.
configure({ asyncUtilTimeout: 10_000 });
