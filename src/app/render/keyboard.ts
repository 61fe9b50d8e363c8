import type { Button } from '../types.js';
import { encodeCallback } from '../callback-data.js';
import { shorten } from './html.js';

/** Labels longer than this are cut: Telegram shows long labels truncated anyway, and badly. */
const MAX_LABEL = 48;

/** A button for `action` with its args (callback data checked against Telegram's 64-byte limit). */
export function button(label: string, action: string, ...args: (string | number)[]): Button {
  return { text: shorten(label, MAX_LABEL), data: encodeCallback(action, ...args) };
}

/** Lays buttons out `perRow` to a row, dropping missing ones (optional buttons are passed as null). */
export function rows(buttons: (Button | null | undefined)[], perRow = 1): Button[][] {
  const present = buttons.filter((b): b is Button => Boolean(b));
  const out: Button[][] = [];
  for (let i = 0; i < present.length; i += perRow) out.push(present.slice(i, i + perRow));
  return out;
}
