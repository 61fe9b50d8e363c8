import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { frameworks, type BotFramework } from '../support/bot-starters.js';
import { FUNDING_QUESTION, invalidKb, kbFolder, kbText, nextKb } from '../app/reload/support.js';
import { startAdminBot, type AdminBot } from './admin-bot.js';

const TOKEN = 'a-long-enough-admin-token-0123456789';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The bot with ADMIN_TOKEN set (or not), POST /admin/reload on its HTTP port. */
async function start(
  framework: BotFramework,
  token: string | undefined,
): Promise<{ b: AdminBot; kbPath: string; url: string }> {
  const folder = await kbFolder();
  const b = await startAdminBot({
    framework,
    kbPath: folder.kbPath,
    instanceId: 'http-bot',
    adminToken: token,
  });
  cleanups.push(folder.dispose, b.stop);
  return { b, kbPath: folder.kbPath, url: b.url('/admin/reload') };
}

const post = (url: string, headers: Record<string, string> = {}, body?: string) =>
  fetch(url, { method: 'POST', headers, ...(body !== undefined ? { body } : {}) });

describe.each(frameworks())('POST /admin/reload (%s)', (framework) => {
  it('refuses a missing or wrong token with 401 and reloads nothing', async () => {
    const { b, kbPath, url } = await start(framework, TOKEN);
    const serving = b.h.store.current();
    await writeFile(kbPath, kbText(await nextKb()));

    const attempts: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: TOKEN },
      { authorization: 'Bearer ' },
    ];
    for (const headers of attempts) {
      const res = await post(url, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthorized' });
    }
    expect(b.h.store.current()).toBe(serving);
  });

  it('with the token, reloads KB_PATH and answers 200 with the report', async () => {
    const { b, kbPath, url } = await start(framework, TOKEN);
    const previous = b.h.store.current().version;
    await writeFile(kbPath, kbText(await nextKb('http.1')));

    const res = await post(url, { authorization: `Bearer ${TOKEN}` });

    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      everywhere: true,
      here: {
        status: 'reloaded',
        version: 'http.1',
        previousVersion: previous,
        added: ['incubators'],
        removed: ['batches'],
      },
      others: [],
      broadcast: 'sent',
    });
    const { reply } = await b.h.say(b.h.user({ languageCode: 'en' }), FUNDING_QUESTION);
    expect(reply.visibleText).toContain('NEW ANSWER (en)');
  });

  it('takes the new knowledge base as its body, and refuses an invalid one with 422 and its errors', async () => {
    const { b, url } = await start(framework, TOKEN);
    const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

    const refused = await post(url, auth, kbText(await invalidKb()));
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as {
      totalErrors: number;
      errors: { entryId: string; field: string }[];
    };
    expect(body.totalErrors).toBe(2);
    expect(body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ entryId: 'funding', field: 'answer.fr' })]),
    );

    const accepted = await post(url, auth, kbText(await nextKb('body.1')));
    expect(accepted.status).toBe(200);
    expect(b.h.store.current().version).toBe('body.1');
  });

  it('refuses JSON nested 100,000 levels deep with 422, naming where, and keeps serving', async () => {
    const { b, url } = await start(framework, TOKEN);
    const serving = b.h.store.current();
    const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const refused = await post(url, auth, '['.repeat(100_000));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      errors: [{ text: 'json: nested too deeply at line 1, column 65 (more than 64 levels of [ and {)' }],
    });
    expect(b.h.store.current()).toBe(serving);
  });

  it('does not exist when ADMIN_TOKEN is not set', async () => {
    const { url } = await start(framework, undefined);
    expect((await post(url, { authorization: `Bearer ${TOKEN}` })).status).toBe(404);
  });
});
