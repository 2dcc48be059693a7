import { ChatRoutes } from 'chatroutes';
import { type NoticeListener, persistedMock } from './persisted-mock.js';

/** A real service to talk to instead of the in-browser mock (kept in sessionStorage only). */
export interface RemoteSettings {
  baseUrl: string;
  apiKey: string;
}

export interface Backend {
  client: ChatRoutes;
  /** `mock`: the in-browser mock, nothing leaves the page. `remote`: the settings' server. */
  kind: 'mock' | 'remote';
  /** Lets go of the backend: the mock saves what is pending and stops (remote: nothing). */
  close(): void;
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

/** The settings' server, else the in-browser mock (which tells `onNotice` about saving). */
export function connect(settings: RemoteSettings | undefined, onNotice: NoticeListener): Backend {
  if (settings) {
    return {
      // The settings panel warns that a key typed into a page is readable by the page; the
      // user chose to, for their own session.
      client: new ChatRoutes({
        apiKey: settings.apiKey,
        baseUrl: settings.baseUrl,
        dangerouslyAllowBrowser: true,
      }),
      kind: 'remote',
      close: () => {},
    };
  }
  const mock = persistedMock(onNotice);
  return {
    // The mock accepts any key and nothing leaves the page: the key is no secret here.
    client: new ChatRoutes({
      apiKey: 'playground',
      fetch: mock.fetch,
      dangerouslyAllowBrowser: true,
    }),
    kind: 'mock',
    close: mock.close,
  };
}
