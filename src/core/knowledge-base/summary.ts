import { LANGUAGES } from '../language/languages.js';
import { countEntriesPerLanguage } from './diff.js';
import type { KnowledgeBase } from './schema.js';

/**
 * `version X, 25 entries (en 25, zh 25, de 25, fr 25)`: the figures a person checks after an edit, for command-line
 * tools and logs (the bot's own replies are localised elsewhere).
 */
export function summarizeKnowledgeBase(kb: KnowledgeBase): string {
  const counts = countEntriesPerLanguage(kb);
  const perLanguage = LANGUAGES.map((language) => `${language} ${counts[language]}`).join(', ');
  const entries = kb.entries.length === 1 ? '1 entry' : `${kb.entries.length} entries`;
  return `version ${kb.version}, ${entries} (${perLanguage})`;
}
