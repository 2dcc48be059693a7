import { optionalObject, requireString } from '../core/validate.js';

/** The `?branchId=` filter of the list endpoints: absent, or a valid id. */
export function branchQuery(params: { branchId?: string } | undefined): { branchId?: string } {
  const { branchId } = optionalObject('params', params) ?? {};
  return branchId === undefined ? {} : { branchId: requireString('params.branchId', branchId) };
}
