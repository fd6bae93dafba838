// Browser tests of the web app against the real API on the tiny model set: Debian's Chromium driven by
// playwright-core, this app built and served by Next, the API started from apps/api. Screenshots and server
// logs go to test-artifacts/web/. Any console error or page error fails the test that caused it.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApi, type ApiServer } from './harness/api';
import { CHROMIUM_PATH, launchBrowser, MissingChromiumError, type BrowserSession } from './harness/browser';
import { ARTIFACTS_DIR } from './harness/paths';
import { buildWeb, startWeb, type WebServer } from './harness/web';

/** The whole suite must finish well within 5 minutes. */
const SUITE_BUDGET_MS = 270_000;
const STEP_MS = 20_000;

let api: ApiServer | undefined;
let web: WebServer | undefined;
let browser: BrowserSession | undefined;
let page: Page;
const suiteStart = Date.now();

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`) });
}

function url(path: string): string {
  return `${web!.url}${path}`;
}

/** The id of the image page the browser is on. */
function currentImageId(): string {
  const m = /\/images\/([^/?#]+)/.exec(page.url());
  if (!m?.[1]) throw new Error(`not on an image page: ${page.url()}`);
  return m[1];
}

/** The `src` of the comparison's before and after images. */
async function compareSources(): Promise<string[]> {
  return page
    .locator('[data-testid=compare] img')
    .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src));
}

/** The edit count an image's page shows, read in a second tab (the editor keeps its state). */
async function editCountOnImagePage(imageId: string): Promise<string | null> {
  const tab = await browser!.context.newPage();
  try {
    await tab.goto(url(`/images/${imageId}`));
    const count = tab.getByTestId('image-edit-count');
    await count.waitFor({ timeout: STEP_MS });
    return (await count.textContent())?.trim() ?? null;
  } finally {
    await tab.close();
  }
}

async function imageLoaded(selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
}

describe('web app in a real browser', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    // Fail first, and clearly, when the browser is missing: nothing is skipped.
    if (!existsSync(CHROMIUM_PATH)) throw new MissingChromiumError();
    rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const [startedApi] = await Promise.all([startApi({ timeoutMs: 120_000 }), buildWeb(180_000)]);
    api = startedApi;
    web = await startWeb(api.url, 30_000);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(STEP_MS);
  }, 240_000);

  afterEach(() => {
    // Every test must leave the console clean.
    expect(browser?.takeProblems() ?? []).toEqual([]);
    expect(Date.now() - suiteStart, 'browser suite over its time budget').toBeLessThan(SUITE_BUDGET_MS);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await api?.dispose();
  });

  let baseImageId = '';

  it('generates a face, previews a text edit (nothing stored), keeps it; the result appears and the gallery shows it', async () => {
    await page.goto(url('/'));
    await page.getByRole('heading', { name: 'Gallery', level: 1 }).waitFor();
    await page.getByLabel('Seeds').fill('7');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const card = page.getByTestId('image-card').filter({ hasText: 'Seed 7' }).first();
    await card.waitFor();
    expect(await card.getByTestId('edit-count').textContent()).toBe('No edits yet');
    await shot('01-gallery-generated');

    await card.getByRole('link').click();
    await page.waitForURL(/\/images\/[^/]+$/);
    baseImageId = currentImageId();
    await page.getByRole('link', { name: 'Edit this face' }).click();
    await page.waitForURL(/\/edit$/);

    // The live preview renders without storing anything.
    await page.getByLabel('Target text').fill('a smiling face');
    await page.getByRole('button', { name: 'Preview edit' }).click();
    const preview = page.getByTestId('preview-ready');
    await preview.waitFor();
    await expect.poll(() => imageLoaded('[data-testid=compare-after]'), { timeout: 15_000 }).toBe(true);
    const [before, firstPreview] = await compareSources();
    expect(firstPreview).toMatch(/^data:image\/png;base64,/);
    expect(firstPreview).not.toBe(before);

    // The comparison handle works from the keyboard.
    const handle = page.getByRole('slider', { name: /comparison/ });
    await handle.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await handle.getAttribute('aria-valuenow')).toBe('40');
    await page.keyboard.press('End');
    expect(await handle.getAttribute('aria-valuenow')).toBe('100');
    await page.keyboard.press('Home');

    // Moving α alone re-renders the preview (twice here) and adds no edit.
    const alpha = page.getByRole('slider', { name: 'Strength α' });
    await alpha.focus();
    await page.keyboard.press('Home');
    await page.locator('[data-testid=preview-ready][data-alpha="-10"]').waitFor();
    const [, secondPreview] = await compareSources();
    expect(secondPreview).toMatch(/^data:image\/png;base64,/);
    expect(secondPreview).not.toBe(firstPreview);
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await page.locator('[data-testid=preview-ready][data-alpha="-9.5"]').waitFor();
    expect(await editCountOnImagePage(baseImageId)).toBe('0');
    await shot('02-editor-preview');

    // "Keep this edit" stores exactly one edit: the one previewed.
    await page.getByRole('button', { name: 'Keep this edit' }).click();
    const ready = page.getByTestId('result-ready');
    await ready.waitFor();
    expect(await ready.textContent()).toContain('α -9.5');
    const resultImage = await ready.getAttribute('data-result-image');
    expect(resultImage).toBeTruthy();
    expect(resultImage).not.toBe(baseImageId);
    await expect.poll(() => imageLoaded('[data-testid=compare-after]'), { timeout: 15_000 }).toBe(true);
    const [, kept] = await compareSources();
    expect(kept).not.toMatch(/^data:/);
    expect(kept).not.toBe(before);
    expect(await editCountOnImagePage(baseImageId)).toBe('1');
    await shot('02b-editor-kept');

    // The edit has a shareable page.
    const share = await page.getByTestId('share-url').inputValue();
    expect(share).toMatch(new RegExp(`^${web!.url}/edits/[^/]+$`));

    // The gallery shows the edit on the base image's card, also under the "text edits" filter.
    await page.goto(url('/?method=GLOBAL'));
    const edited = page.locator(`[data-testid=image-card][data-image-id="${baseImageId}"]`);
    await edited.waitFor();
    expect(await edited.getByTestId('edit-count').textContent()).toBe('1 edit');
    expect(await edited.locator('[data-testid=edit-thumbs] img').count()).toBe(1);
    await shot('03-gallery-with-edit');

    await page.goto(share);
    await page.getByRole('heading', { level: 1, name: /a smiling face/ }).waitFor();
  });

  it('moving β changes the displayed channel count', async () => {
    await page.goto(url(`/images/${baseImageId}/edit`));
    await page.getByLabel('Target text').fill('a face with glasses');
    const count = page.getByTestId('channel-count');
    await page.locator('[data-testid=channel-count]:not([data-stale])').waitFor();
    const atDefault = Number(await count.textContent());
    expect(atDefault).toBeGreaterThan(0);

    const beta = page.getByRole('slider', { name: 'Disentanglement β' });
    await beta.focus();
    await page.keyboard.press('Home'); // β = 0: every channel with any relevance
    await expect.poll(async () => (await page.getByTestId('beta-value').textContent())?.trim()).toBe('0.00');
    await expect.poll(async () => Number(await count.textContent()), { timeout: 20_000 }).not.toBe(atDefault);
    const atZero = Number(await count.textContent());
    expect(atZero).toBeGreaterThan(atDefault);

    // β = 0.4: fewer channels (with the tiny set's random CLIP, none: the app says so and how to fix it).
    await page.keyboard.press('End');
    await expect
      .poll(async () => Number(await count.textContent()), { timeout: 20_000 })
      .toBeLessThan(atDefault);
    await shot('04-editor-beta-channels');
  });

  it('previews a mapper edit (moving strength adds no edit) and keeps it (one edit)', async () => {
    await page.goto(url(`/images/${baseImageId}/edit`));
    const editsBefore = Number(await editCountOnImagePage(baseImageId));
    await page.getByRole('tab', { name: 'Mapper' }).click();
    await page.getByRole('combobox', { name: 'Mapper' }).selectOption({ index: 0 });
    await page.getByRole('button', { name: 'Preview mapper' }).click();
    await page.locator('[data-testid=preview-ready][data-method=MAPPER][data-strength="1"]').waitFor();
    await expect.poll(() => imageLoaded('[data-testid=compare-after]'), { timeout: 15_000 }).toBe(true);
    const [before, firstPreview] = await compareSources();
    expect(firstPreview).toMatch(/^data:image\/png;base64,/);
    expect(firstPreview).not.toBe(before);

    // Moving the strength re-renders the preview and adds no edit.
    const strength = page.getByRole('slider', { name: 'Strength' });
    await strength.focus();
    await page.keyboard.press('End');
    await page.locator('[data-testid=preview-ready][data-method=MAPPER][data-strength="3"]').waitFor();
    const [, secondPreview] = await compareSources();
    expect(secondPreview).toMatch(/^data:image\/png;base64,/);
    expect(secondPreview).not.toBe(firstPreview);
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    await page.locator('[data-testid=preview-ready][data-method=MAPPER][data-strength="2.5"]').waitFor();
    expect(Number(await editCountOnImagePage(baseImageId))).toBe(editsBefore);
    await shot('05-editor-mapper-preview');

    // "Keep this edit" stores exactly one mapper edit: the one previewed.
    await page.getByRole('button', { name: 'Keep this edit' }).click();
    const ready = page.getByTestId('result-ready').filter({ hasText: 'mapper' });
    await ready.waitFor();
    const resultImage = await ready.getAttribute('data-result-image');
    expect(resultImage).toBeTruthy();
    expect(resultImage).not.toBe(baseImageId);
    await expect.poll(() => imageLoaded('[data-testid=compare-after]'), { timeout: 15_000 }).toBe(true);
    const [, kept] = await compareSources();
    expect(kept).not.toMatch(/^data:/);
    expect(Number(await editCountOnImagePage(baseImageId))).toBe(editsBefore + 1);
    await shot('05b-editor-mapper-kept');
  });

  it('an invalid upload shows a clear message', async () => {
    await page.goto(url('/'));
    const input = page.getByLabel('Image file to upload');
    const error = page.getByTestId('upload-error');

    // Refused by the API: PNG by name and type, but not decodable.
    const broken = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('this is not really an image '.repeat(20)),
    ]);
    await input.setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: broken });
    await error.waitFor();
    expect(await error.textContent()).toMatch(/“broken\.png” could not be read as an image/);
    await shot('06-upload-refused');

    // Refused in the browser: not an image type at all.
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect.poll(() => error.textContent()).toMatch(/“notes\.txt” is not a PNG, JPEG or WebP image/);
  });

  it('an uploaded photo is kept, and editing it explains that inversion is not configured', async () => {
    await page.goto(url(`/images/${baseImageId}`));
    const src = await page.locator('[data-testid=hero-image]').getAttribute('src');
    const png = Buffer.from(await (await fetch(url(src!))).arrayBuffer());
    await page.goto(url('/'));
    await page
      .getByLabel('Image file to upload')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('link', { name: 'Open the photo' }).click();
    await page.waitForURL(/\/images\/[^/]+$/);
    await page.getByRole('link', { name: 'Edit this face' }).click();
    await page.getByLabel('Target text').fill('a smiling face');
    await page.getByRole('button', { name: 'Preview edit' }).click();
    const error = page.getByTestId('editor-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/no inversion model configured/);
    await shot('07-upload-not-editable');
  });

  it('deletes an edit, then its image, only after confirming; the pages and the gallery follow', async () => {
    const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const res = await fetch(`${api!.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: unknown };
      if (!body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
      return body.data;
    };
    const { generateImages } = await gql<{ generateImages: { id: string }[] }>(
      `mutation { generateImages(input: { seeds: [23] }) { id } }`,
    );
    const face = generateImages[0]!.id;
    const { editGlobal: edit } = await gql<{
      editGlobal: { id: string; results: { image: { id: string } }[] };
    }>(
      `mutation($id: ID!) { editGlobal(input: { imageId: $id, neutral: "a face", target: "an old face", alphas: [1] }) { id results { image { id } } } }`,
      { id: face },
    );

    // An edit's result has no delete of its own: it goes with its edit.
    await page.goto(url(`/images/${edit.results[0]!.image.id}`));
    await page.locator('[data-testid=hero-image]').waitFor();
    expect(await page.getByRole('button', { name: 'Delete image' }).count()).toBe(0);

    await page.goto(url(`/edits/${edit.id}`));
    await page.getByRole('button', { name: 'Delete edit' }).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('Delete this edit and its result');
    // "Keep it" deletes nothing.
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    expect(await dialog.count()).toBe(0);
    await page.getByRole('button', { name: 'Delete edit' }).click();
    await shot('09a-delete-edit-confirm');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.waitForURL(new RegExp(`/images/${face}$`));
    await expect.poll(() => page.getByTestId('image-edit-count').textContent()).toBe('0');

    await page.getByRole('button', { name: 'Delete image' }).click();
    expect(await dialog.textContent()).toContain('Delete this image?');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.waitForURL(url('/'));
    await page.getByTestId('image-card').first().waitFor();
    expect(await page.locator(`[data-testid=image-card][data-image-id="${face}"]`).count()).toBe(0);
    const gone = await gql<{ image: unknown; edit: unknown }>(
      `query($i: ID!, $e: ID!) { image(id: $i) { id } edit(id: $e) { id } }`,
      { i: face, e: edit.id },
    );
    expect(gone).toEqual({ image: null, edit: null });
    await shot('09b-deleted');
  });

  it('the API being down shows a clear message, and the app recovers when it is back', async () => {
    await api!.stop();
    await page.goto(url('/'));
    const banner = page.getByTestId('connectivity-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('The editing service is not reachable — retrying…');
    await shot('08-api-down');

    await api!.start();
    // The banner gives way to a short "reconnected" note the moment a request gets through.
    await page.getByText('Reconnected to the editing service.').waitFor({ timeout: 30_000 });
    expect(await banner.count()).toBe(0);
    await page.getByTestId('image-card').first().waitFor();
    await shot('09-api-recovered');
  });

  it('precomputes directions as a job with a progress bar', async () => {
    await page.goto(url('/model-sets/tiny'));
    await page.getByRole('spinbutton', { name: 'Images' }).fill('8');
    await page.getByRole('spinbutton', { name: 'Style samples' }).fill('2000');
    await page.getByRole('button', { name: /ompute directions/ }).click();
    const job = page.getByTestId('job-progress');
    await job.waitFor();
    await page.getByRole('progressbar', { name: /progress/ }).waitFor();
    await shot('10-precompute-job');
    await expect
      .poll(() => job.getAttribute('data-job-state'), { timeout: 90_000, interval: 500 })
      .toBe('SUCCEEDED');
  }, 120_000);
});
