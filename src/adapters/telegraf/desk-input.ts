import type { Context } from 'telegraf';
import type { DeskInput } from '../../app/desk-input.js';
import { deskInputFromUpdate } from '../../app/telegram-update.js';

/**
 * Turns a telegraf update into the desk's input (see deskInputFromUpdate, shared with the grammY adapter);
 * null for what the desk does not handle. Commands addressed to another bot are told apart by this bot's
 * username, which telegraf keeps in `ctx.botInfo`.
 */
export function toDeskInput(ctx: Context): DeskInput | null {
  return deskInputFromUpdate(ctx.update, ctx.botInfo.username);
}
