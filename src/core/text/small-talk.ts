import type { Language } from '../language/languages.js';
import { toSimplified } from './chinese-script.js';
import { foldForMatching, normalizeText } from './normalize.js';

/** What a message that is not a question is: a greeting, thanks, a call for help or the menu, a goodbye. */
export type SmallTalkKind = 'greeting' | 'thanks' | 'help' | 'menu' | 'bye';

export interface SmallTalk {
  kind: SmallTalkKind;
  /** The language the phrase belongs to, when only one language uses it ("danke"); null for "ok", "menu". */
  lang: Language | null;
}

type Phrases = Record<SmallTalkKind, Partial<Record<Language | 'any', string[]>>>;

/**
 * The phrases, folded (no accents, lower case) and, for Chinese, simplified. A message is small talk when it is
 * made only of these phrases and filler, so that "hi, which community does laser?" stays a question.
 */
const PHRASES: Phrases = {
  greeting: {
    en: ['hello', 'hey', 'hi there', 'good morning', 'good afternoon', 'good evening', 'howdy'],
    de: ['hallo', 'guten tag', 'guten morgen', 'guten abend', 'moin', 'servus', 'gruss gott', 'gruezi'],
    fr: ['bonjour', 'salut', 'bonsoir', 'coucou'],
    zh: ['你好', '您好', '大家好', '早上好', '下午好', '晚上好', '哈喽', '嗨', 'nihao', 'ni hao', 'ninhao'],
    any: ['hi', 'yo'],
  },
  thanks: {
    en: ['thanks', 'thank you', 'thank u', 'thx', 'ty', 'cheers', 'many thanks', 'great thanks'],
    de: ['danke', 'danke schon', 'vielen dank', 'dankeschon', 'besten dank'],
    fr: ['merci', 'merci beaucoup', 'merci bien', 'je vous remercie'],
    zh: ['谢谢', '多谢', '感谢', '谢啦', '非常感谢', '谢谢你', '谢谢您', 'xiexie', 'xie xie'],
  },
  help: {
    en: ['help', 'help me', 'i need help', 'what can you do'],
    de: ['hilfe', 'was kannst du', 'was konnen sie'],
    fr: ['aide', 'aidez moi', 'au secours', 'que sais tu faire'],
    zh: ['帮助', '求助', '帮帮我', '你能做什么', 'bangzhu'],
  },
  menu: {
    de: ['hauptmenu'],
    fr: ['menu principal'],
    en: ['main menu', 'start over'],
    zh: ['菜单', '主菜单', '开始', 'caidan'],
    any: ['menu', 'menue', 'start'],
  },
  bye: {
    en: ['bye', 'goodbye', 'see you', 'bye bye'],
    de: ['tschuss', 'auf wiedersehen', 'ciao', 'bis bald'],
    fr: ['au revoir', 'a bientot', 'bonne journee'],
    zh: ['再见', '拜拜', 'zaijian'],
  },
};

/** Words that may stand around a phrase without making the message a question. */
const FILLER = new Set([
  ...['there', 'bot', 'so', 'much', 'a', 'lot', 'very', 'you', 'all', 'again', 'ok', 'okay', 'please', 'pls'],
  ...['dir', 'ihnen', 'sehr', 'nochmal', 'bitte', 'und', 'vous', 'a', 'tous', 'toi', 'encore', 'and'],
  ...['啊', '呀', '哈', '呢', '了', '的', '哦', '嗯', '好', '您', '你'],
]);

/** The longest message read as small talk; anything longer is a question or a conversation. */
const MAX_CHARS = 40;

interface Phrase {
  words: string[];
  kind: SmallTalkKind;
  lang: Language | null;
}

/** Phrases as word lists, longest first, so that "thank you" wins over "you". */
const PHRASE_LIST: Phrase[] = Object.entries(PHRASES)
  .flatMap(([kind, byLang]) =>
    Object.entries(byLang).flatMap(([lang, phrases]) =>
      phrases.map((phrase) => ({
        words: tokens(phrase),
        kind: kind as SmallTalkKind,
        lang: lang === 'any' ? null : (lang as Language),
      })),
    ),
  )
  .sort((a, b) => b.words.length - a.words.length);

/** Words of a message; Chinese is split into characters so that "你好呀" reads as 你好 + filler. */
function tokens(text: string): string[] {
  const folded = foldForMatching(normalizeText(toSimplified(text)));
  return folded
    .replace(/[^\p{L}\p{N}/]+/gu, ' ')
    .replace(/(\p{Script=Han})/gu, ' $1 ')
    .split(' ')
    .filter((word) => word !== '');
}

function matchAt(words: string[], at: number): Phrase | undefined {
  return PHRASE_LIST.find(
    (phrase) =>
      phrase.words.length <= words.length - at && phrase.words.every((word, i) => words[at + i] === word),
  );
}

/**
 * The small talk a message is, or null when it asks something. The first phrase decides the kind ("hi,
 * thanks" greets); the language is the first one a phrase of the message belongs to alone.
 */
export function detectSmallTalk(text: string): SmallTalk | null {
  if (text.length > MAX_CHARS) return null;
  const words = tokens(text);
  let found: Phrase | undefined;
  let lang: Language | null = null;
  for (let at = 0; at < words.length;) {
    const phrase = matchAt(words, at);
    if (phrase) {
      found ??= phrase;
      lang ??= phrase.lang;
      at += phrase.words.length;
    } else if (FILLER.has(words[at]!)) at++;
    else return null;
  }
  return found ? { kind: found.kind, lang } : null;
}
