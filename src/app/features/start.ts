import { ACTIONS } from '../callback-actions.js';
import type { DeskContext, Feature } from '../feature.js';
import { button, rows } from '../render/keyboard.js';
import type { OutMessage } from '../types.js';

/** The welcome with the main menu: browse communities, ask a question, change language, help. */
export function welcomeMessage(ctx: DeskContext): OutMessage {
  return {
    html: ctx.t('start:welcome', { name: ctx.sender.firstName ?? '' }),
    buttons: rows(
      [
        button(ctx.t('start:button.browse'), ACTIONS.browseList),
        button(ctx.t('start:button.ask'), ACTIONS.askHint),
        button(ctx.t('start:button.language'), ACTIONS.languageMenu),
        button(ctx.t('start:button.help'), ACTIONS.help),
      ],
      2,
    ),
  };
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
