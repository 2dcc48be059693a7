import type { ChatRoutes, ModelName } from 'chatroutes';
import { useEffect, useState } from 'react';
import {
  type Backend,
  connect,
  type RemoteSettings,
  readSettings,
  writeSettings,
} from './backend.js';
import { Chat } from './chat.js';
import { ConversationList } from './conversation-list.js';
import type { StorageNotice } from './persisted-mock.js';
import { recallConversation, rememberConversation } from './remembered-conversation.js';
import { SettingsPanel } from './settings-panel.js';
import { StorageNoticeView } from './storage-notice.js';

/** Finds the conversation to show: the last one shown, else the newest, else a new one. */
async function pickConversation(client: ChatRoutes): Promise<string> {
  const remembered = recallConversation();
  const page = await client.conversations.list({ limit: 20 });
  const known = page.data.find((c) => c.id === remembered) ?? page.data[0];
  if (known) return known.id;
  return (await client.conversations.create({ title: 'Playground' })).id;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function App() {
  const [settings, setSettings] = useState<RemoteSettings | undefined>(readSettings);
  const [backend, setBackend] = useState<Backend>();
  const [conversationId, setConversationId] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [model, setModel] = useState<ModelName>('gpt-5');
  const [showSettings, setShowSettings] = useState(false);
  const [storageNotice, setStorageNotice] = useState<StorageNotice>();

  useEffect(() => {
    let live = true;
    setBackend(undefined);
    setConversationId(undefined);
    setFailure(undefined);
    setStorageNotice(undefined);
    let next: Backend;
    try {
      // Throws for settings the client refuses (say, a base URL that is not a URL).
      next = connect(settings, setStorageNotice);
    } catch (error) {
      setFailure(describe(error));
      return;
    }
    pickConversation(next.client)
      .then((id) => {
        if (!live) return;
        setBackend(next);
        setConversationId(id);
      })
      .catch((error: unknown) => {
        if (live) setFailure(describe(error));
      });
    return () => {
      live = false;
      next.close();
    };
  }, [settings]);

  useEffect(() => {
    if (conversationId) rememberConversation(conversationId);
  }, [conversationId]);

  const applySettings = (next: RemoteSettings | undefined) => {
    writeSettings(next);
    setSettings(next);
    setShowSettings(false);
  };

  return (
    <div className="app">
      <header className="top">
        <h1>ChatRoutes playground</h1>
        <span className="backend">
          {backend?.kind === 'remote' ? `Server: ${settings?.baseUrl}` : 'In-browser mock · no key'}
        </span>
        <button
          type="button"
          aria-expanded={showSettings}
          onClick={() => setShowSettings((open) => !open)}
        >
          Settings
        </button>
      </header>
      {showSettings && <SettingsPanel settings={settings} onApply={applySettings} />}
      {storageNotice && (
        <StorageNoticeView notice={storageNotice} onDismiss={() => setStorageNotice(undefined)} />
      )}
      {failure && <p role="alert">Could not start: {failure}</p>}
      {backend ? (
        <div className="workspace">
          <ConversationList
            client={backend.client}
            activeId={conversationId}
            onSelect={setConversationId}
          />
          {conversationId ? (
            <Chat
              key={conversationId}
              client={backend.client}
              conversationId={conversationId}
              model={model}
              onModel={setModel}
            />
          ) : (
            <p className="empty">No conversation: start a new one.</p>
          )}
        </div>
      ) : (
        !failure && <p className="loading">Starting…</p>
      )}
    </div>
  );
}
