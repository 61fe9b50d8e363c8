/**
 * Callback actions of the answering features, in one place because buttons cross features (the start menu
 * opens the browse list, an answer's related buttons open entries). Short names keep callback data small.
 * Other features choose their own names; the desk refuses two features claiming the same action.
 */
export const ACTIONS = {
  /** The communities list as a new message. */
  browseList: 'bl',
  /** A page of the list, edited in place: args [page]. */
  browsePage: 'bp',
  /** An entry's card from the list, edited in place: args [entryId, page]. */
  browseEntry: 'be',
  /** An entry as an answer: args [entryId, 'n' new message | 'e' edit in place, reply language]. */
  answerEntry: 'a',
  /** The language menu as a new message. */
  languageMenu: 'lm',
  /** Choose a language: args [language]. */
  languageSet: 'ls',
  /** The help text as a new message. */
  help: 'h',
  /** "Ask a question": how to ask. */
  askHint: 'sq',
} as const;
