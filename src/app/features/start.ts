import { ACTIONS } from '../callback-actions.js';
import type { BoundTranslate, DeskContext, Feature } from '../feature.js';
import { button, rows } from '../render/keyboard.js';
import type { Button, OutMessage } from '../types.js';
import { staffHelpReply, type StaffChat } from './help.js';

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

/**
 * /start, in the user's interface language; "Ask a question" explains how (any message is a question). In the
 * staff chat it gives the staff's help instead.
 */
export function createStartFeature(opts: { staffChat?: StaffChat } = {}): Feature {
  return {
    name: 'start',
    menu: [{ command: 'start', descriptionKey: 'start:menu' }],
    commands: {
      start: async (_input, ctx) => staffHelpReply(ctx, opts.staffChat) ?? { replies: [welcomeMessage(ctx)] },
    },
    callbacks: {
      [ACTIONS.askHint]: async (_input, ctx) => ({ send: [{ html: ctx.t('start:ask_hint') }] }),
    },
  };
}
