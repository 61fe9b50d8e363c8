/*
 * Send and edit options are Bot API shapes that both adapters need: they live in app/telegram-send-options.ts.
 * Kept as a re-export so that this adapter's imports stay as they are.
 */
export { editOptions, sendOptions } from '../../app/telegram-send-options.js';
