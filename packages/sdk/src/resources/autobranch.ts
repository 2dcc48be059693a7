import type {
  HealthResponse,
  SuggestBranchesRequest,
  SuggestBranchesResponse,
} from '@chatroutes/fetch';
import { envelopeData } from '../core/envelope.js';
import type { RequestOptions } from '../core/options.js';
import { optionalObject, requireObject, requireString } from '../core/validate.js';
import { Resource } from './resource.js';

type DetectionSettings = 'suggestionsCount' | 'hybridDetection' | 'threshold';

/** What `suggestBranches` takes: the detection settings are optional (the server has defaults). */
export type SuggestBranchesParams = Omit<SuggestBranchesRequest, DetectionSettings> &
  Partial<Pick<SuggestBranchesRequest, DetectionSettings>>;

/** `analyzeText` options: the detection settings, without the bring-your-own-LLM fields. */
export type AnalyzeTextParams = Partial<Pick<SuggestBranchesRequest, DetectionSettings>>;

export class Autobranch extends Resource {
  /** Finds the points where a text could branch, with a suggested branch for each. */
  async suggestBranches(
    data: SuggestBranchesParams,
    options?: RequestOptions,
  ): Promise<SuggestBranchesResponse> {
    requireString('data.text', requireObject('data', data).text);
    // The generated type marks the fields with a server default as required; they are not.
    const body = data as SuggestBranchesRequest;
    const result = await this.transport.request(options, (api, init) =>
      api.POST('/autobranch/suggest-branches', init({}, body)),
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

  async health(options?: RequestOptions): Promise<HealthResponse> {
    const result = await this.transport.request(options, (api, init) =>
      api.GET('/autobranch/health', init({})),
    );
    return envelopeData(result);
  }
}
