import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@chatroutes/chromium';
import type { Browser, Page } from 'playwright-core';
import { type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const screenshots = fileURLToPath(new URL('../../docs/public/screenshots/', import.meta.url));

/** Where the playground keeps the mock's state snapshot. */
const STATE_KEY = 'chatroutes-playground:mock-state';

let server: PreviewServer;
let browser: Browser;
let url: string;

beforeAll(async () => {
  if (!existsSync(`${root}dist/index.html`)) throw new Error('Build the playground first');
  server = await preview({ root, logLevel: 'silent', preview: { host: '127.0.0.1', port: 0 } });
  url = server.resolvedUrls?.local[0] ?? '';
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser profile (empty localStorage), with every console error and page error kept. */
async function openPlayground(width = 1280): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  await page.getByRole('button', { name: 'Send' }).and(page.locator(':enabled')).waitFor();
  return { page, problems };
}

const log = (page: Page) => page.getByRole('log', { name: 'Conversation' });
const articles = (page: Page) => log(page).getByRole('article');

async function send(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

async function settled(page: Page) {
  await page.getByRole('button', { name: 'Send' }).and(page.locator(':enabled')).waitFor();
}

describe('the playground in Chromium', () => {
  test('chat, stop, versions, regenerate, fork, tree, checkpoint, AutoBranch, reload', async () => {
    const { page, problems } = await openPlayground();

    // Send, and watch the reply stream in behind a Stop button.
    await send(page, 'Should we take the train or fly to Porto?');
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await settled(page);
    await expect(articles(page).count()).resolves.toBe(2);
    await expect(articles(page).nth(0).getAttribute('aria-label')).resolves.toMatch(/^You: Should/);
    await expect(articles(page).nth(1).getAttribute('aria-label')).resolves.toMatch(/^Assistant/);

    // Stop a reply: the server rolls the exchange back, so what was written stays on screen
    // marked "Not saved" until the next action, and the question comes back into the input.
    const stopped = 'Describe every street of the old town, one by one, with its history';
    await send(page, stopped);
    await page.getByRole('button', { name: 'Stop' }).click();
    await settled(page);
    await expect(articles(page).count()).resolves.toBe(4);
    await expect(log(page).getByText('Not saved').count()).resolves.toBe(2);
    await expect(page.getByRole('textbox', { name: 'Message' }).inputValue()).resolves.toBe(
      stopped,
    );

    // Edit the first message into a second version, and switch between the versions.
    const first = articles(page).nth(0);
    await first.getByRole('button', { name: 'Edit' }).click();
    await first
      .getByRole('textbox', { name: 'Edit message' })
      .fill('Should we take the bus to Porto?');
    await first.getByRole('button', { name: 'Save and send' }).click();
    await settled(page);
    await log(page).getByText('2 / 2').waitFor();
    await expect(articles(page).count()).resolves.toBe(2);
    await expect(articles(page).nth(0).getAttribute('aria-label')).resolves.toMatch(/bus/);
    await page.getByRole('button', { name: 'Previous version' }).click();
    await log(page).getByText('1 / 2').waitFor();
    await expect(articles(page).nth(0).getAttribute('aria-label')).resolves.toMatch(/train/);
    await expect(articles(page).count()).resolves.toBe(2);
    await page.getByRole('button', { name: 'Next version' }).click();
    await log(page).getByText('2 / 2').waitFor();

    // Regenerate the reply: the same question again, on a new branch.
    await articles(page).nth(1).getByRole('button', { name: 'Regenerate' }).click();
    await settled(page);
    const tree = page.getByRole('tree', { name: 'Branches' });
    await expect(tree.getByRole('treeitem').count()).resolves.toBe(3);
    await expect(tree.getByRole('treeitem', { selected: true }).textContent()).resolves.toMatch(
      /^Regenerate: /,
    );

    // Fork from here, then send on the fork.
    await articles(page).nth(1).getByRole('button', { name: 'Fork from here' }).click();
    await settled(page);
    await expect(tree.getByRole('treeitem').count()).resolves.toBe(4);
    await expect(tree.getByRole('treeitem', { selected: true }).textContent()).resolves.toMatch(
      /^Fork: /,
    );
    await send(page, 'And what about the night train?');
    await settled(page);
    await expect(articles(page).count()).resolves.toBe(4);

    // Switch in the tree with the keyboard: from the fork up to the regenerated branch.
    await tree.getByRole('treeitem', { selected: true }).focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(tree.getByRole('treeitem', { selected: true }).textContent()).resolves.toMatch(
      /^Regenerate: /,
    );
    // And with a click: back to the main branch.
    await tree.getByRole('treeitem', { name: /^Main/ }).locator('> .branch-title').click();
    await expect(
      tree.getByRole('treeitem', { name: /^Main/ }).getAttribute('aria-selected'),
    ).resolves.toBe('true');
    await expect(articles(page).nth(0).getAttribute('aria-label')).resolves.toMatch(/train/);

    // Checkpoint: its summary, then the next reply says it used it.
    await send(page, 'Summarise the plan so far');
    await settled(page);
    await page.getByRole('button', { name: 'Create checkpoint' }).click();
    await page.getByRole('status', { name: 'Checkpoint summary' }).waitFor();
    await expect(
      page.getByRole('status', { name: 'Checkpoint summary' }).textContent(),
    ).resolves.toMatch(/User: /);
    await send(page, 'What should we pack: a raincoat or an umbrella?');
    await settled(page);
    await articles(page)
      .last()
      .getByText(/Checkpoint used/)
      .waitFor();

    // AutoBranch: suggestions for the last exchange, offered as one-click forks.
    await page.getByRole('button', { name: 'Suggest branches' }).click();
    const suggestion = page.getByRole('list', { name: 'Suggestions' }).getByRole('button').first();
    await suggestion.waitFor();
    const branchesBefore = await tree.getByRole('treeitem').count();
    await suggestion.click();
    await settled(page);
    await expect(tree.getByRole('treeitem').count()).resolves.toBe(branchesBefore + 1);

    // Reload: the conversation is still there, on the main branch.
    const treeBefore = await tree.getByRole('treeitem').allTextContents();
    await page.reload();
    await settled(page);
    await expect(tree.getByRole('treeitem').allTextContents()).resolves.toEqual(treeBefore);
    await expect(articles(page).nth(0).getAttribute('aria-label')).resolves.toMatch(/train/);
    await page
      .getByRole('button', { name: 'Previous version' })
      .or(page.getByRole('button', { name: 'Next version' }))
      .first()
      .waitFor();

    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}playground-1280.png`, fullPage: false });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${screenshots}playground-390.png`, fullPage: false });

    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('the conversation list: new, rename, switch, delete', async () => {
    const { page, problems } = await openPlayground();
    await send(page, 'Should we take the train or fly to Porto?');
    await settled(page);
    const list = page.getByRole('navigation', { name: 'Conversations' });
    await expect(list.getByRole('listitem').count()).resolves.toBe(1);

    await list.getByRole('button', { name: 'New conversation' }).click();
    await page.getByText(/Send a message to start/).waitFor();
    await expect(list.getByRole('listitem').count()).resolves.toBe(2);
    const fresh = list.locator('li[aria-current]');
    await fresh.getByRole('button', { name: /^Rename/ }).click();
    await fresh.getByRole('textbox', { name: 'Conversation title' }).fill('Night trains');
    await fresh.getByRole('button', { name: 'Save' }).click();
    await list.getByRole('button', { name: 'Night trains', exact: true }).waitFor();

    await list.getByRole('listitem').nth(1).locator('.conversation-title').click();
    await settled(page);
    await expect(articles(page).count()).resolves.toBe(2);
    await list.getByRole('button', { name: 'Delete Night trains' }).click();
    await expect(list.getByRole('listitem').count()).resolves.toBe(1);
    await expect(articles(page).count()).resolves.toBe(2);

    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('a saved state it cannot use starts a fresh playground, with a note and an info line', async () => {
    const { page, problems } = await openPlayground();
    const infos: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'info') infos.push(message.text());
    });
    await send(page, 'Should we take the train or fly to Porto?');
    await settled(page);
    const notice = page.getByRole('status', { name: 'Saved conversations' });
    // Once the exchange is saved, no save is pending that could overwrite what the test writes.
    const saved = await page.waitForFunction(
      (key) => {
        const state = localStorage.getItem(key);
        return state && JSON.parse(state).messages.length === 2 && state;
      },
      STATE_KEY,
      { polling: 50 },
    );
    const snapshot = String(await saved.jsonValue());

    const damaged = [
      // Cut short: not JSON.
      snapshot.slice(0, snapshot.length / 2),
      // JSON, but of a format version this mock does not read.
      JSON.stringify({ ...JSON.parse(snapshot), version: 99 }),
    ];
    for (const state of damaged) {
      await page.evaluate(({ key, value }) => localStorage.setItem(key, value), {
        key: STATE_KEY,
        value: state,
      });
      infos.length = 0;
      await page.reload();
      await settled(page);
      await expect(notice.textContent()).resolves.toMatch(/could not be restored.*started fresh/);
      await expect(articles(page).count()).resolves.toBe(0);
      expect(infos.some((line) => line.includes('Invalid mock state snapshot'))).toBe(true);
      // The fresh playground's first change (its new conversation) replaced the damaged state.
      await page.waitForFunction(({ key, value }) => localStorage.getItem(key) !== value, {
        key: STATE_KEY,
        value: state,
      });
    }

    // The fresh playground works and keeps what it is told.
    await send(page, 'Hello again');
    await settled(page);
    await page.reload();
    await settled(page);
    await expect(articles(page).nth(0).getAttribute('aria-label')).resolves.toMatch(/Hello again/);
    await expect(notice.count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('with storage full it keeps working, says the changes are not saved, and saves again once there is room', async () => {
    const { page, problems } = await openPlayground();
    await send(page, 'First question');
    await settled(page);
    // Fill the origin's storage to the last character.
    await page.evaluate(() => {
      let n = 0;
      for (let size = 1 << 22; size >= 1; size >>= 1) {
        const filler = 'x'.repeat(size);
        for (;;) {
          try {
            localStorage.setItem(`filler-${n}`, filler);
            n++;
          } catch {
            break;
          }
        }
      }
    });
    const notice = page.getByRole('status', { name: 'Saved conversations' });
    await send(page, 'Second question');
    await settled(page);
    await expect(notice.textContent()).resolves.toMatch(/storage for the page is full/);
    await send(page, 'Third question');
    await settled(page);
    await expect(articles(page).count()).resolves.toBe(6);

    // Room again: the next change saves everything, and the note goes away.
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage)) {
        if (key.startsWith('filler-')) localStorage.removeItem(key);
      }
    });
    await send(page, 'Fourth question');
    await settled(page);
    await notice.waitFor({ state: 'detached' });
    await page.reload();
    await settled(page);
    await expect(articles(page).count()).resolves.toBe(8);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('the settings panel keeps a real server in this tab only, with the key warning', async () => {
    const { page, problems } = await openPlayground();
    await page.getByRole('button', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Settings' });
    await expect(form.getByRole('note').textContent()).resolves.toMatch(/can be read by anyone/);
    await form.getByRole('textbox', { name: 'Base URL' }).fill('http://127.0.0.1:9/api/v1');
    await form.getByLabel('API key').fill('sk-test');
    await form.getByRole('button', { name: 'Use this server' }).click();
    await expect(
      page.evaluate(() => [
        sessionStorage.length,
        JSON.stringify(localStorage).includes('sk-test'),
      ]),
    ).resolves.toEqual([1, false]);
    await page.getByRole('alert').waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Use the in-browser mock' }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    // The failed connection to the unreachable server is the only error the page logged.
    expect(problems.every((p) => /Failed to load resource|ERR_CONNECTION_REFUSED/.test(p))).toBe(
      true,
    );
    await page.context().close();
  });
});
