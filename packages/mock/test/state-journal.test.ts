// The `--save-state` journal: the records each change touched, folded back into the snapshot.
// Every write of the mock must reach it, or a killed run would come back without it.
import { describe, expect, it } from 'vitest';
import { buildMock } from '../src/mock-app.js';
import { MockStateError } from '../src/snapshot/format.js';
import { applyJournal, journalLine } from '../src/snapshot/journal.js';

const HEADERS = { authorization: 'ApiKey k', 'content-type': 'application/json' };

/** A mock that journals every change, as the CLI does, and the journal it wrote. */
function journaledMock() {
  const mock = buildMock({ streamDelayMs: 0, now: () => new Date(Date.UTC(2026, 0, 1)) });
  const start = mock.exportState();
  mock.trackChanges();
  let journal = '';
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await mock.fetch(`http://mock.test/api/v1${path}`, {
      method,
      headers: HEADERS,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    journal += journalLine(mock.takeChanges()) ?? '';
    expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return text.startsWith('{') ? JSON.parse(text) : undefined;
  };
  return { mock, start, call, journal: () => journal };
}

describe('the state journal', () => {
  it('holds every change of every writing operation: snapshot + journal = the state', async () => {
    const { mock, start, call, journal } = journaledMock();
    const { data } = await call('POST', '/conversations', { title: 'Journaled' });
    const id: string = data.conversation.id;
    await call('PATCH', `/conversations/${id}`, { title: 'Renamed' });
    const sent = await call('POST', `/conversations/${id}/messages`, { content: 'One' });
    await call('POST', `/conversations/${id}/messages/stream`, { content: 'Two' });
    const replyId: string = sent.data.message.id;
    const fork = await call('POST', `/conversations/${id}/fork`, {
      forkPointMessageId: replyId,
      title: 'Fork',
    });
    const forkId: string = fork.data.branch.id;
    await call('POST', `/conversations/${id}/branches/${forkId}/messages`, { content: 'Three' });
    await call('PATCH', `/conversations/${id}/branches/${forkId}`, { description: 'Aside' });
    const created = await call('POST', `/conversations/${id}/branches`, { title: 'Other' });
    const checkpoint = await call('POST', `/conversations/${id}/checkpoints`, {
      branchId: forkId,
      anchorMessageId: replyId,
    });
    const checkpointId: string = checkpoint.data.checkpoint.id;
    await call('POST', `/checkpoints/${checkpointId}/recreate`);
    await call('PATCH', `/messages/${replyId}`, { content: 'Edited' });
    await call('POST', `/conversations/${id}/branches/${forkId}/merge`);
    await call('DELETE', `/checkpoints/${checkpointId}`);
    await call('DELETE', `/conversations/${id}/branches/${created.data.branch.id}`);
    await call('DELETE', `/messages/${sent.data.message.parentMessageId}`);
    const other = await call('POST', '/conversations', { title: 'Gone' });
    await call('DELETE', `/conversations/${other.data.conversation.id}`);

    expect(applyJournal(start, journal())).toEqual(mock.exportState());
    mock.close();
  });

  it('costs a send what it touched, not the history: lines stay small', async () => {
    const { call, journal } = journaledMock();
    const { data } = await call('POST', '/conversations', {});
    const path = `/conversations/${data.conversation.id}/messages`;
    for (let i = 0; i < 300; i++) await call('POST', path, { content: `Question ${i}` });
    const lines = journal().trimEnd().split('\n');
    const sizes = lines.map((line) => line.length);
    // The 300th send's line is no longer than the 10th's (give or take the text).
    expect(sizes.at(-1)).toBeLessThan((sizes[10] as number) * 1.5);
  });

  it('skips a last line cut short, and refuses a broken line before it', async () => {
    const { start, call, journal } = journaledMock();
    await call('POST', '/conversations', { title: 'Kept' });
    const kept = journal();
    const torn = `${kept}{"conversations":[{"id":"conv_cut`;
    expect(applyJournal(start, torn)).toEqual(applyJournal(start, kept));
    expect(() => applyJournal(start, `{"broken\n${kept}`)).toThrow(MockStateError);
    expect(() => applyJournal(start, `{"broken\n${kept}`)).toThrow(/journal line 1/);
  });

  it('applies a line twice to the same effect (a kill between snapshot and journal removal)', async () => {
    const { mock, start, call, journal } = journaledMock();
    const { data } = await call('POST', '/conversations', {});
    await call('POST', `/conversations/${data.conversation.id}/messages`, { content: 'Once' });
    const state = mock.exportState();
    expect(applyJournal(state, journal())).toEqual(state);
    expect(applyJournal(applyJournal(start, journal()), journal())).toEqual(state);
  });
});
