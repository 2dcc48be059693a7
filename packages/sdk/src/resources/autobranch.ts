import type {
  HealthResponse,
  SuggestBranchesRequest,
  SuggestBranchesResponse,
} from '@chatroutes/fetch/contract';
import { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { envelopeData } from '../internal/envelope.js';
import { optionalObject, requireObject, requireString } from '../internal/validate.js';
import { Resource } from './resource.js';

/** What `suggestBranches` takes: the text, the detection settings and, optionally, your own LLM. */
export type SuggestBranchesParams = SuggestBranchesRequest;

/** `analyzeText` options: the detection settings, without the bring-your-own-LLM fields. */
export type AnalyzeTextParams = Pick<
  SuggestBranchesRequest,
  'suggestionsCount' | 'hybridDetection' | 'threshold'
>;

/** `client.autobranch`: where a text could branch. */
export class Autobranch extends Resource {
  /** Finds the points where a text could branch, with a suggested branch for each. */
  suggestBranches(
    data: SuggestBranchesParams,
    options?: RequestOptions,
  ): APIPromise<SuggestBranchesResponse> {
    return this.transport.call(
      options,
      (request) => {
        requireString('data.text', requireObject('data', data).text);
        return request('post', '/autobranch/suggest-branches', {}, data);
      },
      envelopeData,
    );
  }

  /** `suggestBranches` for a plain text, with the service's own detection. */
  analyzeText(
    text: string,
    params: AnalyzeTextParams = {},
    options?: RequestOptions,
  ): APIPromise<SuggestBranchesResponse> {
    const request = Promise.resolve().then((): SuggestBranchesParams => {
      const { suggestionsCount, hybridDetection, threshold } =
        optionalObject('params', params) ?? {};
      // Only these settings, never other fields of `params`; those left undefined are not sent.
      return { text: requireString('text', text), suggestionsCount, hybridDetection, threshold };
    });
    return APIPromise.after(request, (data) => this.suggestBranches(data, options));
  }

  /** Whether the AutoBranch service is up, and its version. */
  health(options?: RequestOptions): APIPromise<HealthResponse> {
    return this.transport.call(
      options,
      (request) => request('get', '/autobranch/health', {}),
      envelopeData,
    );
  }
}
