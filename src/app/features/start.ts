import { ACTIONS } from '../callback-actions.js';
import type { BoundTranslate, DeskContext, Feature } from '../feature.js';
import { button, rows } from '../render/keyboard.js';
import type { Button, OutMessage } from '../types.js';

/** The main menu: browse communities, ask a question, change language, help. */
export function menuButtons(t: BoundTranslate): Button[][] {
  return rows(
    [
      button(t('start:button.browse'), ACTIONS.browseList),
      button(t('start:button.ask'), ACTIONS.askHint),
      button(t('start:button.language'), ACTIONS.languageMenu),
      button(t('start:button.help'), ACTIONS.help),
    ],
    2,
  );
}

/** The welcome with the main menu. */
export function welcomeMessage(ctx: DeskContext): OutMessage {
  return { html: ctx.t('start:welcome', { name: ctx.sender.firstName ?? '' }), buttons: menuButtons(ctx.t) };
}

/** /start, in the user's interface language; "Ask a question" explains how (any message is a question). */
export function createStartFeature(): Feature {
  return {
    name: 'start',
    menu: [{ command: 'start', descriptionKey: 'start:menu' }],
    commands: {
      start: async (_input, ctx) => ({ replies: [welcomeMessage(ctx)] }),
    },
    callbacks: {
      [ACTIONS.askHint]: async (_input, ctx) => ({ send: [{ html: ctx.t('start:ask_hint') }] }),
    },
  };
}
