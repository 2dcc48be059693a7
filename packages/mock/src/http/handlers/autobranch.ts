import { suggestBranches } from '../../domain/suggestions.js';
import { envelope, type Handlers } from '../operation.js';

/** The version the mock's AutoBranch reports, as the service's health check does. */
const AUTOBRANCH_VERSION = '1.0.0';

export function autobranchHandlers(): Pick<Handlers, 'suggestBranches' | 'autobranchHealth'> {
  return {
    suggestBranches: (call) => envelope(call, suggestBranches(call.body)),
    autobranchHealth: (call) =>
      envelope(call, { status: 'healthy', version: AUTOBRANCH_VERSION, service: 'autobranch' }),
  };
}
