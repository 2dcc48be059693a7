import { ChatRoutes } from 'chatroutes';
import { persistedMock } from './persisted-mock.js';

/** A real service to talk to instead of the in-browser mock (kept in sessionStorage only). */
export interface RemoteSettings {
  baseUrl: string;
  apiKey: string;
}

export interface Backend {
  client: ChatRoutes;
  /** `mock`: the in-browser mock, nothing leaves the page. `remote`: the settings' server. */
  kind: 'mock' | 'remote';
  /** Forgets the mock's conversations (remote: does nothing). */
  clear(): void;
}

const SETTINGS_KEY = 'chatroutes-playground:remote';

export function readSettings(): RemoteSettings | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(SETTINGS_KEY) ?? 'null') as RemoteSettings;
    return value?.baseUrl && value.apiKey ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeSettings(settings: RemoteSettings | undefined): void {
  if (settings) sessionStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  else sessionStorage.removeItem(SETTINGS_KEY);
}

export async function connect(settings: RemoteSettings | undefined): Promise<Backend> {
  if (settings) {
    return {
      client: new ChatRoutes({ apiKey: settings.apiKey, baseUrl: settings.baseUrl }),
      kind: 'remote',
      clear: () => {},
    };
  }
  const mock = await persistedMock();
  return {
    // The mock accepts any key; nothing leaves the page.
    client: new ChatRoutes({ apiKey: 'playground', fetch: mock.fetch }),
    kind: 'mock',
    clear: mock.clear,
  };
}
