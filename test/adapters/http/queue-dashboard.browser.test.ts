import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, FAILURE, startDashboard, type DashboardFixture } from './queue-dashboard-fixture.js';

/** Debian's chromium package; .ci/run installs it. */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
/**
 * Headless as root on a machine without a GPU or a network: without the background-networking flags Chromium
 * keeps dialling Google's hosts. Playwright gives every launch a fresh, empty profile directory.
 */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'queue dashboard in headless Chromium'
    : `queue dashboard in headless Chromium: SKIPPED, ${CHROMIUM} is missing (apt-get install -y chromium)`,
  () => {
    let browser: Browser;
    let board: DashboardFixture;

    beforeAll(async () => {
      board = await startDashboard('read');
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await board?.close();
    });

    it('without the token: refused, a sign-in form and no queue in sight', async () => {
      const page = await (await browser.newContext()).newPage();
      const response = await page.goto(`${board.base}/admin/queues`);
      expect(response?.status()).toBe(401);
      await expect(page.getByLabel('Admin token').isVisible()).resolves.toBe(true);
      const text = await page.content();
      expect(text).not.toContain(board.names.user);
      expect(text).not.toContain(FAILURE);

      await page.getByLabel('Admin token').fill('not-the-admin-token-at-all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toBe('That token is not the right one.');
      await page.context().close();
    }, 60_000);

    it('signed in with the token: lists the desk queues and the job that failed for good', async () => {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${board.base}/admin/queues`);
      await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${board.base}/admin/queues`);

      // The overview lists both follow-up queues by name.
      for (const name of [board.names.staff, board.names.user])
        await page.getByText(name, { exact: true }).first().waitFor({ timeout: 20_000 });

      await page.goto(`${board.base}/admin/queues/queue/${board.names.user}?status=failed`);
      await page.getByText(FAILURE).first().waitFor({ timeout: 20_000 });
      // Read-only: the page offers no retry.
      expect(await page.getByRole('button', { name: /retry/i }).count()).toBe(0);
      await page.context().close();
    }, 60_000);
  },
);
