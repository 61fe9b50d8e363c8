import { detectSmallTalk } from '../../core/text/small-talk.js';
import type { BoundTranslate, DeskContext, Feature } from '../feature.js';
import type { OutMessage } from '../types.js';
import { helpMessage } from './help.js';
import { menuButtons } from './start.js';

/**
 * Greetings, thanks, "help", "menu" and goodbyes in the four languages: a short friendly reply with the menu,
 * in the language of the phrase when only one language uses it ("danke"), else the user's. Never an "I don't
 * know", a staff offer or a knowledge gap. Private chats only; offered text before the question feature.
 */
export function createSmallTalkFeature(opts: { followUps: boolean }): Feature {
  return {
    name: 'small-talk',
    async text(input, ctx: DeskContext) {
      if (ctx.sender.chatType !== 'private') return null;
      const talk = detectSmallTalk(input.text);
      if (!talk) return null;
      const lang = ctx.chosenLanguage ?? talk.lang ?? ctx.lang;
      const t: BoundTranslate = (key, vars) => ctx.tIn(lang, key, vars);
      ctx.note({ small_talk: talk.kind });
      const reply: OutMessage =
        talk.kind === 'help'
          ? helpMessage(t, opts)
          : talk.kind === 'bye'
            ? { html: t('start:small_talk.bye') }
            : { html: t(`start:small_talk.${talk.kind}`), buttons: menuButtons(t) };
      return { replies: [reply] };
    },
  };
}
