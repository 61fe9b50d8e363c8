/**
 * Function words and filler per language, in folded form (no accents). They are dropped from the terms that
 * must be covered by an entry, because "how", "die" or "est-ce que" say nothing about which entry fits.
 * The lists also serve language detection, so they hold each language's most frequent words.
 */
import { deu, eng, fra } from 'stopword';
import type { Language } from '../language/languages.js';
import { foldAccents } from './normalize.js';

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/));

const ENGLISH = words(`
  a an the is are was were be been being am do does did doing done have has had having what whats which who whom
  whose where when why how this that these those there here it its i me my mine we us our ours you your yours he him
  his she her they them their theirs of in on at to for from by with about as into onto over under up out off and or
  but not no nor so if then than too very can could would should will shall may might must get gets got getting any
  some all each every much many more most other such only own same just now please tell know want wanted need like
  give show explain info information detail details hi hello hey thanks thank let lets say said mean means meaning
  stand stands also still yet really exactly actually anything something someone thing things way ok okay yes
  kind sort does doesn dont don isn aren cannot s t re ve ll d m one ones find look looking
  belong belongs belonging happen happens exist exists currently anyone somebody answer question
  set make made go goes going come take put see seen try through during after before since until while within
  without between among per via across around against toward towards upon both either again already ever never
  always often far
  gonna wanna gotta pls plz ur btw whos wat
  allowed allow allows possible able receive receives received provide provides provided available based org
  orgs stuff basically whether regarding concerning meant
`);

const GERMAN = words(`
  der die das den dem des ein eine einen einem einer eines und oder aber nicht kein keine keinen ist sind war waren
  wird werden wurde wurden sein bin bist seid hat haben habe hast hatte hatten kann kannst konnen konnte muss mussen
  soll sollen will wollen mochte mochten ich du er sie es wir ihr mich mir dich dir uns euch ihnen ihm mein meine
  meinen unser unsere ihre ihren seine seinen was wer wie wo wann warum wieso weshalb welche welcher welches welchen
  wen wem wessen woher wohin fur von vom zu zum zur mit bei beim aus auf an am im in ins uber unter nach vor durch um
  als auch noch nur so sehr schon man gibt gib dies diese dieser dieses diesen bitte sagen sag sagt erklaren erklare
  info infos information informationen denn mal eigentlich hallo danke ja nein gehort gehoren etwas alles jemand
  dort hier da dazu davon daran darum heisst bedeutet bedeuten genau wissen weiss viel viele vielen
  bekommt bekommen bekomme kriegt erhalt erhalten jetzt derzeit aktuell seit bis wahrend ohne gegen zwischen
  pro je immer bereits nie machen macht gemacht
  fuer ueber koennen koennte muessen moechte moechten waehrend gehoert gehoeren erklaeren
  gibts nen ne wieviel wieviele wievielen stellt stellen stelle bisher
  erlaubt darf darfst durfen moglich befindet befinden liegt bzw beziehungsweise etwa ungefahr gemeint meint
`);

const FRENCH = words(`
  le la les l un une des du de d et ou mais ne n pas est sont etait etaient sera seront etre a ai as avons avez ont
  avoir ce cet cette ces c qu que qui quoi quel quelle quels quelles comment quand pourquoi je j tu il elle on nous
  vous ils elles me m te t se s mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs au aux en dans sur
  sous pour par avec sans chez entre vers y faire fait fais peut peux puis pouvez peuvent pourrais dois doit ca cela
  ceci plait svp merci bonjour salut dire dites savoir sais veux voudrais aimerais quelqu chose tout tous toute
  toutes tres plus moins aussi bien encore donc alors si oui non existe voici voila appartient appartiennent
  obtenir obtient recoit recoivent recevoir actuellement maintenant signifie signifient jusqu lorsqu puisqu
  signification veut veulent depuis pendant avant apres jusqu contre parmi deja jamais toujours souvent
  voudrait faut
  permis possible situe situee trouve trouver agit concernant
`);

/** Stopwords per Latin-script language, folded. */
export const STOPWORDS: Readonly<Record<Exclude<Language, 'zh'>, ReadonlySet<string>>> = {
  en: ENGLISH,
  de: GERMAN,
  fr: FRENCH,
};

/**
 * For the search, the function words of the maintained lists of the `stopword` package as well (the lists
 * above are kept short because they also tell languages apart): "sich", "allem", "rund" in the background
 * of a long message must not count as evidence for the one entry whose example question happens to hold
 * them. Words that name something the desk is asked about stay searchable.
 */
const KEPT_FROM_PACKAGE = new Set(['mittel', 'neue', 'neuen', 'neu', 'jahr', 'jahre', 'jahren', 'ende']);
const PACKAGE_STOPWORDS = [...eng, ...deu, ...fra]
  .map((word) => foldAccents(word.toLowerCase()))
  .filter((word) => /^[a-z]+$/.test(word) && !KEPT_FROM_PACKAGE.has(word));

const ALL_LATIN_STOPWORDS: ReadonlySet<string> = new Set([
  ...ENGLISH,
  ...GERMAN,
  ...FRENCH,
  ...PACKAGE_STOPWORDS,
]);

/** True when a folded Latin word is a function word in any of en/de/fr (the search does not know the language). */
export function isStopword(foldedWord: string): boolean {
  return ALL_LATIN_STOPWORDS.has(foldedWord);
}

/**
 * Chinese function phrases of two or more characters, cut out of Han runs before bigrams are made. Single
 * characters (的, 是, 在 ...) are not cut because they also occur inside content words (智能, 有限公司); they are
 * only given no weight (see HAN_FUNCTION_CHARS).
 */
export const HAN_STOP_PHRASES: readonly string[] = [
  '请问一下',
  '是什么',
  '什么是',
  '在哪里',
  '在哪儿',
  '怎么样',
  '有多少',
  '有没有',
  '能不能',
  '为什么',
  '什么时候',
  '请问',
  '什么',
  '哪里',
  '哪儿',
  '在哪',
  '怎么',
  '怎样',
  '如何',
  '多少',
  '几个',
  '哪些',
  '哪个',
  '一下',
  '介绍',
  '关于',
  '告诉',
  '知道',
  '可以',
  '能否',
  '我们',
  '你们',
  '您好',
  '你好',
  '谢谢',
  '是否',
  '现在',
  '一些',
  '这个',
  '那个',
  '每一个',
  '每个',
  '指的是',
  '是指',
  '什么意思',
  '意思是',
  '意思',
  '含义',
  // Colloquial forms of the same (咋 = 怎么, 啥 = 什么).
  '怎么办',
  '咋办',
  '咋样',
  '咋回事',
  '是啥',
  '叫什么',
  '叫啥',
  '干啥',
  '是不是',
  '可不可以',
  '要不要',
  '需不需要',
].sort((a, b) => b.length - a.length);

/** Single Han characters that carry grammar, not meaning: kept for bigrams, weightless for coverage. */
export const HAN_FUNCTION_CHARS: ReadonlySet<string> = new Set(
  '的了吗呢吧啊呀是在有个我你您想要能和与及或谁这那都也还就给对把被让么请得着过之其该哪啥嘛哦咋呗啦咱俺由'.split(
    '',
  ),
);
