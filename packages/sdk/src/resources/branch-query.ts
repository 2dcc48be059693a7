import type { operations } from '@chatroutes/fetch/contract';
import { optionalObject, requireString } from '../internal/validate.js';

/** The `?branchId=` filter of the message and checkpoint lists, as the spec declares it. */
export type BranchQuery = NonNullable<operations['listMessages']['parameters']['query']>;

/** The filter, checked: absent, or a valid id. */
export function branchQuery(params: BranchQuery | undefined): BranchQuery {
  const { branchId } = optionalObject('params', params) ?? {};
  return branchId === undefined ? {} : { branchId: requireString('params.branchId', branchId) };
}
