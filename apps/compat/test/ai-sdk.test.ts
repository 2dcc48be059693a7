import { AI_SDK_CHECKS, AI_SDK_KITS, typeCheckKit } from '../src/matrix/ai-sdk-kits.js';
import { describeKitMatrix } from './support/kit-matrix.js';

describeKitMatrix({
  title: '@chatroutes/ai-sdk on each AI SDK major, packed, on the runtimes it supports',
  kitColumn: 'AI SDK',
  kits: AI_SDK_KITS,
  checks: AI_SDK_CHECKS,
  packages: ['@chatroutes/ai-sdk'],
  perKit: { name: 'types', run: typeCheckKit },
});
