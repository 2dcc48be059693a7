import { MSW_CHECKS, MSW_KITS } from '../src/matrix/msw-kits.js';
import { describeKitMatrix } from './support/kit-matrix.js';

describeKitMatrix({
  title: '@chatroutes/mock/msw on MSW 3, packed, on the runtimes it supports',
  kitColumn: 'MSW',
  kits: MSW_KITS,
  checks: MSW_CHECKS,
});
