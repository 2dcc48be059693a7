import { launchChromium } from '@chatroutes/chromium';
import type { Message } from 'chatroutes';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ExampleServer,
  LARGE_CONVERSATION,
  startExample,
} from '../src/assistant-ui/server.js';

/**
 * One message as the page shows it: assistant-ui's id, its text, the picker's "k / n" and the
 * model the picker names.
 */
interface Row {
  id: string;
  text: string;
  picker: string | null;
  model: string | null;
}

/** What the server holds: each message, and the versions at each position, oldest first. */
interface Truth {
  byId: Map<string, Message>;
  children: (parentId: string | null) => Message[];
}

let example: ExampleServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  example = await startExample({ seed: LARGE_CONVERSATION, streamDelayMs: 20 });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await example?.close();
});

async function serverTruth(): Promise<Truth> {
  const conversation = await example.upstream.conversations.get(example.conversationId as string);
  const messages = conversation.messages ?? [];
  const children = new Map<string | null, Message[]>();
  for (const message of messages) {
    const parent = message.parentMessageId ?? null;
    children.set(parent, [...(children.get(parent) ?? []), message]);
  }
  for (const list of children.values()) list.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return {
    byId: new Map(messages.map((m) => [m.id, m])),
    children: (parentId) => children.get(parentId) ?? [],
  };
}

/**
 * The divergences a BranchPicker can reach from the main branch: the positions with versions
 * along each branch it can show, where picking a version shows the branch that version was
 * written on. (A branch forked at the very end of another is reached by no picker: its
 * versions show only once it is shown some other way, e.g. from a branch tree.)
 */
function pickerDivergences(truth: Truth): Set<string | null> {
  const messages = [...truth.byId.values()];
  const tipOf = (branchId: string) =>
    messages.find(
      (m) =>
        m.branchId === branchId &&
        !truth.children(m.id).some((child) => child.branchId === branchId),
    ) as Message;
  const pathOf = (branchId: string) => {
    const path: Message[] = [];
    for (let m: Message | undefined = tipOf(branchId); m; ) {
      path.unshift(m);
      m = m.parentMessageId ? truth.byId.get(m.parentMessageId) : undefined;
    }
    return path;
  };
  const main = (messages.find((m) => m.parentMessageId === null) as Message).branchId as string;
  const shown = new Set([main]);
  const queue = [main];
  const divergences = new Set<string | null>();
  for (let branchId = queue.pop(); branchId; branchId = queue.pop()) {
    pathOf(branchId).forEach((message) => {
      const versions = truth.children(message.parentMessageId ?? null);
      if (versions.length < 2) return;
      divergences.add(message.parentMessageId ?? null);
      for (const version of versions) {
        const written = version.branchId as string;
        if (!shown.has(written)) {
          shown.add(written);
          queue.push(written);
        }
      }
    });
  }
  return divergences;
}

/** Reads the thread in the page, in one evaluation. */
function readRows(): Promise<Row[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-id]')].map((row) => ({
      id: row.dataset.id ?? '',
      text: row.querySelector('.text')?.textContent ?? '',
      picker: row.querySelector('.picker .count')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
      model: row.querySelector('.picker .model')?.textContent?.replace(/^\s*·\s*/, '') ?? null,
    })),
  );
}

/** The "k / n" the server's data gives the message at a position after `parentId`. */
function expectedPicker(truth: Truth, parentId: string | null, id: string): string | null {
  const versions = truth.children(parentId);
  if (versions.length < 2) return null;
  return `${versions.findIndex((m) => m.id === id) + 1} / ${versions.length}`;
}

/**
 * The page shows a whole branch of the server's tree, from its first message to its last
 * (which other branches may continue, when they were forked there), as stored.
 */
function expectServerPath(rows: readonly Row[], truth: Truth): void {
  expect(rows.length).toBeGreaterThan(0);
  rows.forEach((row, index) => {
    const parentId = index === 0 ? null : (rows[index - 1] as Row).id;
    const message = truth.byId.get(row.id);
    expect(message, `message ${index} (${row.id}) is on the server`).toBeDefined();
    expect(message?.parentMessageId ?? null, `message ${index} follows the one before`).toBe(
      parentId,
    );
    expect(row.text, `text of message ${index}`).toBe(message?.content);
    expect(row.picker, `picker of message ${index}`).toBe(expectedPicker(truth, parentId, row.id));
  });
  const last = truth.byId.get((rows.at(-1) as Row).id) as Message;
  const sameBranch = truth.children(last.id).filter((m) => m.branchId === last.branchId);
  expect(sameBranch, 'the path ends where its branch ends').toEqual([]);
}

async function openConversation(): Promise<Row[]> {
  await page.goto(example.url);
  await page.locator('[data-id]').first().waitFor();
  // The thread renders in one commit once the store is ready; the list loads beside it.
  await page.getByText('Bench').first().waitFor();
  return readRows();
}

describe('the assistant-ui example in Chromium, through the relay', () => {
  let truth: Truth;

  test('the BranchPicker walks every divergence of a 1 000-message, 50-branch conversation, as the server has it, with no request', async () => {
    truth = await serverTruth();
    expect(truth.byId.size).toBe(1_000);
    const divergences = pickerDivergences(truth);
    expect(divergences.size).toBeGreaterThan(20);

    expectServerPath(await openConversation(), truth);
    const before = example.requests.length;

    let clicks = 0;
    const explored = new Set<string | null>();
    /** Clicks a picker button of the message at `index` and waits until it shows `version`. */
    const pick = async (index: number, button: 'Previous' | 'Next', version: Message) => {
      const row = page.locator('[data-id]').nth(index);
      await row.getByRole('button', { name: `${button} version` }).click();
      clicks += 1;
      await expect.poll(async () => (await readRows())[index]?.id).toBe(version.id);
      const rows = await readRows();
      expectServerPath(rows, truth);
      return rows;
    };
    /** Every version at every divergence from `start` on, depth first. */
    const explore = async (start: number): Promise<void> => {
      let rows = await readRows();
      for (let index = start; index < rows.length; index++) {
        const parentId = index === 0 ? null : (rows[index - 1] as Row).id;
        const versions = truth.children(parentId);
        if (versions.length < 2 || explored.has(parentId)) continue;
        explored.add(parentId);
        let at = versions.findIndex((m) => m.id === (rows[index] as Row).id);
        while (at > 0) {
          at -= 1;
          rows = await pick(index, 'Previous', versions[at] as Message);
        }
        for (;;) {
          await explore(index + 1);
          if (at === versions.length - 1) break;
          at += 1;
          rows = await pick(index, 'Next', versions[at] as Message);
        }
        rows = await readRows();
      }
    };
    await explore(0);

    expect(explored).toEqual(divergences);
    expect(clicks).toBeGreaterThan(divergences.size);
    // Every branch was read with the conversation: switching asked the relay for nothing.
    expect(example.requests.slice(before)).toEqual([]);
  }, 600_000);

  test('a reload shows the branch it showed, read in one request', async () => {
    const shown = (await readRows()).map((row) => row.id);
    const before = example.requests.length;
    await page.reload();
    await page.locator(`[data-id="${shown.at(-1)}"]`).waitFor();
    expect((await readRows()).map((row) => row.id)).toEqual(shown);
    const conversationId = example.conversationId as string;
    const reads = example.requests.slice(before);
    // The conversation (every branch and message) in one GET; the sidebar's list beside it.
    expect(reads.filter((r) => r.includes(conversationId))).toEqual([
      `GET /conversations/${conversationId}`,
    ]);
    expect(
      reads
        .filter((r) => !r.includes(conversationId))
        .every((r) => /^GET \/conversations(\?|$)/.test(r)),
    ).toBe(true);
  });

  test('while a reply streams, no message or picker drops and no picker shows a version the server lacks', async () => {
    const earlier = await readRows();
    // Samples the thread on every frame until stopped.
    await page.evaluate(() => {
      const samples: Array<Array<{ id: string; picker: string | null }>> = [];
      const sample = () => {
        samples.push(
          [...document.querySelectorAll<HTMLElement>('[data-id]')].map((row) => ({
            id: row.dataset.id ?? '',
            picker:
              row.querySelector('.picker .count')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
          })),
        );
        if (!(window as { stopSampling?: boolean }).stopSampling) requestAnimationFrame(sample);
      };
      (window as { samples?: typeof samples }).samples = samples;
      requestAnimationFrame(sample);
    });
    await page.getByRole('textbox', { name: 'Message' }).fill('One more question, streamed');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await readRows()).length).toBe(earlier.length + 2);
    const samples = await page.evaluate(() => {
      (window as { stopSampling?: boolean }).stopSampling = true;
      return (
        (window as { samples?: Array<Array<{ id: string; picker: string | null }>> }).samples ?? []
      );
    });

    truth = await serverTruth();
    const final = await readRows();
    expectServerPath(final, truth);
    expect(final.at(-2)?.text).toBe('One more question, streamed');

    const streaming = samples.filter(
      (rows) => rows.length === earlier.length + 2 && !truth.byId.has(rows.at(-1)?.id ?? ''),
    );
    expect(streaming.length, 'frames sampled while the reply streamed').toBeGreaterThan(3);
    for (const rows of samples) {
      // Nothing shown before the send disappears or changes its id or picker.
      expect(rows.slice(0, earlier.length)).toEqual(
        earlier.map(({ id, picker }) => ({ id, picker })),
      );
      rows.slice(earlier.length).forEach((row, offset) => {
        const index = earlier.length + offset;
        const parentId = index === 0 ? null : (rows[index - 1]?.id ?? null);
        // A message the server has shows its versions; one it does not have yet shows none.
        const expected = truth.byId.has(row.id) ? expectedPicker(truth, parentId, row.id) : null;
        expect(row.picker, `picker of message ${index} while streaming`).toBe(expected);
      });
    }
  });

  test('"Compare models" makes the replies of three models the versions of one reply, each picker naming its model, as the server has them', async () => {
    const earlier = await readRows();
    const question = 'Which model answers best?';
    await page.getByRole('textbox', { name: 'Message' }).fill(question);
    await page.getByRole('button', { name: 'Compare models' }).click();
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await readRows()).at(-1)?.picker).toMatch(/^[123] \/ 3$/);

    const conversation = await example.upstream.conversations.get(example.conversationId as string);
    const messages = conversation.messages ?? [];
    const asked = messages.filter((m) => m.role === 'user' && m.content === question);
    expect(asked).toHaveLength(3);
    const replies = messages
      .filter((m) => asked.some((q) => q.id === m.parentMessageId))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect(replies).toHaveLength(3);
    expect(new Set(replies.map((m) => m.metadata?.model)).size).toBe(3);

    const rows = await readRows();
    expect(rows.slice(0, earlier.length)).toEqual(earlier);
    // The question asked three times is one version; its replies are the versions.
    expect(rows.at(-2)).toMatchObject({ text: question, picker: null });
    const before = example.requests.length;
    const expectVersion = async (at: number) => {
      const reply = replies[at] as Message;
      await expect.poll(async () => (await readRows()).at(-1)?.id).toBe(reply.id);
      expect((await readRows()).at(-1)).toEqual({
        id: reply.id,
        text: reply.content,
        picker: `${at + 1} / 3`,
        model: reply.metadata?.model,
      });
    };
    let at = replies.findIndex((m) => m.id === rows.at(-1)?.id);
    await expectVersion(at);
    const last = page.locator('[data-id]').last();
    for (; at > 0; at--) {
      await last.getByRole('button', { name: 'Previous version' }).click();
      await expectVersion(at - 1);
    }
    for (; at < 2; at++) {
      await last.getByRole('button', { name: 'Next version' }).click();
      await expectVersion(at + 1);
    }
    expect(example.requests.slice(before)).toEqual([]);
  });
});
