import type {
  HealthResponse,
  SuggestBranchesRequest,
  SuggestBranchesResponse,
} from '@chatroutes/fetch';
import { envelopeData } from '../core/envelope.js';
import type { RequestOptions } from '../core/options.js';
import { optionalObject, requireObject, requireString } from '../core/validate.js';
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
  async suggestBranches(
    data: SuggestBranchesParams,
    options?: RequestOptions,
  ): Promise<SuggestBranchesResponse> {
    requireString('data.text', requireObject('data', data).text);
    const result = await this.transport.request(options, (api, init) =>
      api.POST('/autobranch/suggest-branches', init({}, data)),
    );
    return envelopeData(result);
  }

  /** `suggestBranches` for a plain text, with the service's own detection. */
  async analyzeText(
    text: string,
    params: AnalyzeTextParams = {},
    options?: RequestOptions,
  ): Promise<SuggestBranchesResponse> {
    const { suggestionsCount, hybridDetection, threshold } = optionalObject('params', params) ?? {};
    return this.suggestBranches(
      {
        text: requireString('text', text),
        ...(suggestionsCount !== undefined && { suggestionsCount }),
        ...(hybridDetection !== undefined && { hybridDetection }),
        ...(threshold !== undefined && { threshold }),
      },
      options,
    );
  }

  /** Whether the AutoBranch service is up, and its version. */
  async health(options?: RequestOptions): Promise<HealthResponse> {
    const result = await this.transport.request(options, (api, init) =>
      api.GET('/autobranch/health', init({})),
    );
    return envelopeData(result);
  }
}
