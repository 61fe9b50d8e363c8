import { LANGUAGES, type Language } from '../core/language/languages.js';
import type { Desk } from './desk.js';

export interface CommandMenu {
  /** Undefined for the menu shown to clients in any other language. */
  languageCode?: Language;
  commands: { command: string; description: string }[];
}

/**
 * The "/" menus to register with setMyCommands: one per supported language, and the default one (for every
 * other client language) in DEFAULT_LANGUAGE.
 */
export function commandMenus(desk: Desk, defaultLanguage: Language): CommandMenu[] {
  return [
    { commands: desk.commandMenu(defaultLanguage) },
    ...LANGUAGES.map((lang) => ({ languageCode: lang, commands: desk.commandMenu(lang) })),
  ];
}
