import { createClient as createChatRoutesFetchClient, type paths } from '@chatroutes/fetch';
import { ChatRoutes } from 'chatroutes';
import OpenAI from 'openai';
import createOpenApiFetchClient from 'openapi-fetch';
import { type Contender, median, type RoundPlan, samplesPerOperation } from './measure.js';
import type { Figure } from './report.js';
import { CONVERSATION_ID, stubFetch } from './stub-fetch.js';

export interface OverheadPlan extends RoundPlan {
  /** Requests per round, one after the other. */
  requests: number;
}

export const OVERHEAD_MEASURE = 'per-request overhead over a stub fetch';
export const REQUEST_MEASURE = 'time per request, stub fetch included';
export const BASELINE = 'stub fetch + response.json()';
export const CONTENDERS = {
  chatroutes: 'chatroutes conversations.get',
  fetch: '@chatroutes/fetch GET',
  openapiFetch: 'openapi-fetch 0.17.0 GET',
  openai: 'openai 6.49.0 models.retrieve',
} as const;

const baseUrl = 'https://api.example.test/api/v1';
const apiKey = 'bench-key';

/** Runs `request` `count` times in sequence, as one caller awaiting each answer. */
function sequential(count: number, request: () => Promise<unknown>): Contender {
  return async () => {
    for (let index = 0; index < count; index++) await request();
    return count;
  };
}

/**
 * One GET that returns one JSON object, through each client, on the same stub transport.
 * The baseline is the stub alone (the Response and its JSON parse every contender pays too);
 * a client's overhead is its time per request minus the baseline's.
 */
export async function measureOverhead(plan: OverheadPlan): Promise<Figure[]> {
  const chatroutes = new ChatRoutes({ apiKey, baseUrl, fetch: stubFetch });
  const fetchClient = createChatRoutesFetchClient({ apiKey, baseUrl, fetch: stubFetch });
  // Bare openapi-fetch set up by hand for ChatRoutes: the same base URL and key header.
  const openapiFetch = createOpenApiFetchClient<paths>({
    baseUrl,
    fetch: stubFetch,
    headers: { Authorization: `ApiKey ${apiKey}` },
  });
  const openai = new OpenAI({ apiKey, baseURL: baseUrl, fetch: stubFetch });
  const path = { conversationId: CONVERSATION_ID };

  const contenders: Record<string, Contender> = {
    [BASELINE]: sequential(plan.requests, async () => (await stubFetch(baseUrl)).json()),
    [CONTENDERS.chatroutes]: sequential(plan.requests, () =>
      chatroutes.conversations.get(CONVERSATION_ID),
    ),
    [CONTENDERS.fetch]: sequential(plan.requests, () =>
      fetchClient.GET('/conversations/{conversationId}', { params: { path } }),
    ),
    [CONTENDERS.openapiFetch]: sequential(plan.requests, () =>
      openapiFetch.GET('/conversations/{conversationId}', { params: { path } }),
    ),
    [CONTENDERS.openai]: sequential(plan.requests, () => openai.models.retrieve('gpt-5')),
  };
  const samples = await samplesPerOperation(contenders, plan.requests, plan);
  const baseline = samples[BASELINE] ?? [];

  return Object.entries(samples).flatMap(([contender, perRequest]) => {
    // The overhead of each round: that round's time less the stub's time in the same round.
    const overhead = perRequest.map((micros, round) => micros - (baseline[round] as number));
    const figure = (measure: string, values: number[]) => ({
      suite: 'overhead',
      measure,
      contender,
      value: median(values),
      unit: 'µs',
      samples: values,
    });
    return contender === BASELINE
      ? [figure(REQUEST_MEASURE, perRequest)]
      : [figure(REQUEST_MEASURE, perRequest), figure(OVERHEAD_MEASURE, overhead)];
  });
}
