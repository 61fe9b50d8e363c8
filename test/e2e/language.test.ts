import { afterEach, describe, expect, it } from 'vitest';
import { decodeCallback } from '../../src/app/callback-data.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { startBotHarness, type BotHarness } from '../support/bot-harness.js';
import { frameworks } from '../support/bot-starters.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';

const t = createTranslator();

describe.each(frameworks())('/lang (%s)', (framework) => {
  let h: BotHarness | undefined;
  let server: RedisServerHandle | undefined;
  afterEach(async () => {
    await h?.stop();
    await server?.dispose();
    h = undefined;
    server = undefined;
  });

  it('offers the four languages, confirms the choice in it, and keeps it across a bot restart', async () => {
    h = await startBotHarness({ framework });
    const user = h.user({ languageCode: 'en' });
    const menu = await h.command(user, 'lang');
    expect(menu.reply.text).toBe(t('en', 'language:choose'));
    const choices = menu.reply.buttons.flat();
    expect(choices.map((b) => decodeCallback(b.data)?.args[0])).toEqual(['en', 'zh', 'de', 'fr']);

    const chosen = await h.tap(user, menu.reply, choices.find((b) => b.data!.endsWith(':fr'))!.data!);
    expect(chosen.edited!.text).toBe(t('fr', 'language:saved'));
    expect(chosen.edited!.buttons).toEqual([]);

    await h.restart();
    const start = await h.command(user, 'start');
    expect(start.reply.text).toBe(t('fr', 'start:welcome', { name: user.first_name }));
    // The explicit choice also outranks the language of an English question.
    const answer = await h.say(user, 'Who leads the laser equipment community?');
    expect(answer.reply.visibleText.startsWith(h.store.current().byId('laser-equipment')!.title.fr)).toBe(
      true,
    );
  });

  it('keeps answering while Redis is down, says /lang could not be saved, and saves again once Redis is back', async () => {
    server = await startRedisServer();
    h = await startBotHarness({ framework, redisUrl: server.url });
    const user = h.user({ languageCode: 'de' });
    await server.stop();

    const answer = await h.say(user, 'Wer leitet die Gemeinschaft für Lasergeräte?');
    expect(answer.reply.visibleText.startsWith(h.store.current().byId('laser-equipment')!.title.de)).toBe(
      true,
    );
    const menu = await h.command(user, 'lang');
    const zh = menu.reply.buttons.flat().find((b) => b.data!.endsWith(':zh'))!;
    const refused = await h.tap(user, menu.reply, zh.data!);
    expect(refused.edited!.text).toBe(t('zh', 'language:not_saved'));

    await server.start();
    // ioredis reconnects on its own with backoff; wait for that instead of restarting anything.
    const deadline = Date.now() + 10_000;
    while (h.redis.status !== 'ready' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const again = await h.command(user, 'lang');
    const saved = await h.tap(
      user,
      again.reply,
      again.reply.buttons.flat().find((b) => b.data!.endsWith(':zh'))!.data!,
    );
    expect(saved.edited!.text).toBe(t('zh', 'language:saved'));
  });
});
