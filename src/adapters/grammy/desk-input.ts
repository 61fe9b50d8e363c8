import type { Context } from 'grammy';
import type { DeskInput } from '../../app/desk-input.js';
import { deskInputFromUpdate } from '../../app/telegram-update.js';

/**
 * Turns a grammY update into the desk's input (see deskInputFromUpdate, shared with the telegraf adapter);
 * null for what the desk does not handle (edits, stickers, commands for other bots, inline queries).
 */
export function toDeskInput(ctx: Context): DeskInput | null {
  return deskInputFromUpdate(ctx.update, ctx.me.username);
}
