import { ACTIONS } from '../callback-actions.js';
import type { DeskContext, Feature } from '../feature.js';
import { button, rows } from '../render/keyboard.js';
import type { OutMessage } from '../types.js';

function helpMessage(ctx: DeskContext): OutMessage {
  return {
    html: ctx.t('start:help'),
    buttons: rows(
      [
        button(ctx.t('start:button.browse'), ACTIONS.browseList),
        button(ctx.t('start:button.language'), ACTIONS.languageMenu),
      ],
      2,
    ),
  };
}

/** /help and the menu's Help button: what the bot does and the commands it knows. */
export function createHelpFeature(): Feature {
  return {
    name: 'help',
    menu: [{ command: 'help', descriptionKey: 'start:menu_help' }],
    commands: {
      help: async (_input, ctx) => ({ replies: [helpMessage(ctx)] }),
    },
    callbacks: {
      [ACTIONS.help]: async (_input, ctx) => ({ send: [helpMessage(ctx)] }),
    },
  };
}
