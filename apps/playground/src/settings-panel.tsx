import { DEFAULT_BASE_URL } from 'chatroutes';
import { type FormEvent, useState } from 'react';
import type { RemoteSettings } from './backend.js';

/** Points the playground at a real server. The key stays in this tab (sessionStorage). */
export function SettingsPanel({
  settings,
  onApply,
}: {
  settings: RemoteSettings | undefined;
  onApply: (settings: RemoteSettings | undefined) => void;
}) {
  const [baseUrl, setBaseUrl] = useState(settings?.baseUrl ?? DEFAULT_BASE_URL);
  const [apiKey, setApiKey] = useState(settings?.apiKey ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(apiKey.trim() ? { baseUrl: baseUrl.trim(), apiKey: apiKey.trim() } : undefined);
  };
  return (
    <form className="settings" aria-label="Settings" onSubmit={submit}>
      <p className="warning" role="note">
        An API key used in a browser page can be read by anyone with access to this page and its
        extensions. Use a key you can revoke, and never ship one in a public site: in your app, keep
        the key on your server. The key is kept in this tab only (sessionStorage).
      </p>
      <label>
        Base URL
        <input value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} />
      </label>
      <label>
        API key
        <input type="password" value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
      </label>
      <button type="submit">Use this server</button>
      <button type="button" onClick={() => onApply(undefined)}>
        Use the in-browser mock
      </button>
    </form>
  );
}
