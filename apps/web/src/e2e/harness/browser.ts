// Debian's Chromium driven by playwright-core (no browser download). Every console error and page error is
// recorded so a test can fail on it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.STYLECLIP_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class MissingChromiumError extends Error {
  constructor() {
    super(
      `Chromium is not installed at ${CHROMIUM_PATH}: the web app's browser tests need Debian's chromium.\n` +
        'Install it with `apt-get update && apt-get install -y chromium` (CI does this in .ci/run), or set ' +
        'STYLECLIP_CHROMIUM to another Chromium binary. Never download a browser build (no `playwright install`).',
    );
    this.name = 'MissingChromiumError';
  }
}

export interface BrowserSession {
  context: BrowserContext;
  /** Console errors and page errors seen since the last `takeProblems()`. */
  takeProblems(): string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM_PATH)) throw new MissingChromiumError();
  const profile = mkdtempSync(join(tmpdir(), 'styleclip-web-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
    timeout: 30_000,
  });
  let problems: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (m) => {
      if (m.type() === 'error')
        problems.push(`console.error on ${page.url()}: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    takeProblems: () => {
      const p = problems;
      problems = [];
      return p;
    },
    newPage: async () => context.pages().find((p) => p.url() === 'about:blank') ?? (await context.newPage()),
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
