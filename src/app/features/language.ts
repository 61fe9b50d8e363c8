import { isLanguage, LANGUAGES, type Language } from '../../core/language/languages.js';
import { ACTIONS } from '../callback-actions.js';
import type { DeskContext, Feature } from '../feature.js';
import type { LanguagePreferences } from '../language-preferences.js';
import { button, rows } from '../render/keyboard.js';
import type { OutMessage } from '../types.js';

function languageMenu(ctx: DeskContext): OutMessage {
  // Each language is named in itself, so that a user lost in the wrong language can still find theirs.
  const choices = LANGUAGES.map((lang) => {
    const mark = lang === ctx.lang ? '✓ ' : '';
    return button(`${mark}${ctx.tIn(lang, 'language:name')}`, ACTIONS.languageSet, lang);
  });
  return { html: ctx.t('language:choose'), buttons: rows(choices, 2) };
}

/**
 * /lang: an inline choice of the four languages. The choice is remembered (it outranks the Telegram client's
 * language) and confirmed in the chosen language; when it cannot be saved the user is told so.
 */
export function createLanguageFeature(deps: { preferences: LanguagePreferences }): Feature {
  async function choose(lang: Language, ctx: DeskContext) {
    const saved = await deps.preferences.set(ctx.sender.userId, lang);
    ctx.log.info({ lang, saved }, 'language chosen');
    return { edit: { html: ctx.tIn(lang, saved ? 'language:saved' : 'language:not_saved') } };
  }

  return {
    name: 'language',
    menu: [{ command: 'lang', descriptionKey: 'language:menu' }],
    commands: {
      lang: async (_input, ctx) => ({ replies: [languageMenu(ctx)] }),
    },
    callbacks: {
      [ACTIONS.languageMenu]: async (_input, ctx) => ({ send: [languageMenu(ctx)] }),
      [ACTIONS.languageSet]: async (input, ctx) => {
        const lang = input.args[0];
        if (!isLanguage(lang)) return { toast: { text: ctx.t('errors:stale_button') } };
        return choose(lang, ctx);
      },
    },
  };
}
