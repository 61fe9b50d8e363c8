import { ACTIONS } from '../callback-actions.js';
import type { Language } from '../../core/language/languages.js';
import type { BoundTranslate, DeskContext, DeskResponse, Feature } from '../feature.js';
import { button, rows } from '../render/keyboard.js';
import type { OutMessage } from '../types.js';

/** What the bot does and its commands; /ask and /mytickets only where follow-ups to staff are on. */
export function helpMessage(t: BoundTranslate, opts: { followUps: boolean }): OutMessage {
  const html = opts.followUps ? `${t('start:help')}\n\n${t('start:help_staff')}` : t('start:help');
  return {
    html,
    buttons: rows(
      [
        button(t('start:button.browse'), ACTIONS.browseList),
        button(t('start:button.language'), ACTIONS.languageMenu),
      ],
      2,
    ),
  };
}

/** The staff chat (STAFF_CHAT_ID) and the one language it is written to in. */
export interface StaffChat {
  id: number;
  language: Language;
}

/**
 * In the staff chat, /help and /start explain the staff's commands instead of the entrepreneur's welcome;
 * null anywhere else.
 */
export function staffHelpReply(ctx: DeskContext, staffChat: StaffChat | undefined): DeskResponse | null {
  if (staffChat === undefined || ctx.sender.chatId !== staffChat.id) return null;
  return { replies: [{ html: ctx.tIn(staffChat.language, 'staff:help') }] };
}

/** /help and the menu's Help button: what the bot does and the commands it knows. */
export function createHelpFeature(opts: { followUps: boolean; staffChat?: StaffChat }): Feature {
  return {
    name: 'help',
    menu: [{ command: 'help', descriptionKey: 'start:menu_help' }],
    commands: {
      help: async (_input, ctx) =>
        staffHelpReply(ctx, opts.staffChat) ?? { replies: [helpMessage(ctx.t, opts)] },
    },
    callbacks: {
      [ACTIONS.help]: async (_input, ctx) => ({ send: [helpMessage(ctx.t, opts)] }),
    },
  };
}
