/**
 * Everyday words of English, German and French that have nothing to do with the desk's subject: time,
 * weather, travel, food, shopping, money matters, health, contact details, family, leisure, common adjectives.
 * Folded (no accents), as typed in lower case. They serve twice:
 * - language detection: "Wetter in Qingdao morgen" has no function word that only German has, but "wetter" and
 * "morgen" are German (see detect-language.ts);
 * - the search: a word people use every day is not a typo of a knowledge-base word ("demain" is not "demand",
 * "wetter" is not "weiter"), so it must stay an unknown word that the knowledge base does not cover.
 * Loanwords that all three use ("restaurant", "hotel", "taxi") are listed in each language they belong to, so
 * that they tell no language apart.
 */
import { analyzeText } from '../text/analyze.js';
import { LATIN_LANGUAGES, type LatinLanguage } from './languages.js';

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/));

/**
 * Words of everyday topics far from the desk's subject: weather, food, travel, shopping, prices and taxes,
 * health, contact details, jobs, family, leisure. An unknown one in a question is strong evidence that the question
 * is about something else (see query-plan.ts).
 */
const ENGLISH_TOPICS = words(`
  weather rain raining rainy snow snowing sunny wind windy temperature forecast restaurant restaurants food eat
  eating drink drinks coffee tea beer wine dinner lunch breakfast seafood hotel hotels room rooms booking
  reserve reservation ticket tickets flight flights airport train trains station bus taxi cars rent rental
  parking street road map price prices cost costs cheap expensive buy buying shop shopping store
  market stock stocks share shares account tax taxes salary job jobs visa passport doctor hospital clinic hair
  phone telephone mobile email address website password birthday family friend friends wife husband children
  kids movie movies music game games football soccer match song joke jokes news holiday holidays vacation trip
  travel tourist tourism beach museum park zoo mall gym apartment house clothes shoes action film hiring hire
  recruit recruiting recruitment vacancy vacancies cafe boutique removal tattoo beauty cosmetic skin
  exchange translate translation jiangsu zhejiang guangdong shenzhen guangzhou hangzhou suzhou hong kong macau
  taiwan fujian henan hebei used secondhand shipping painful
`);
/**
 * Everyday words that are no topic of their own (time, common adjectives), or too close to the desk's finance
 * element to count against a question (bank, loan).
 */
const ENGLISH_GENERAL = words(`
  today tomorrow yesterday tonight morning afternoon evening night week weekend weekends month year day days
  hour hours minute time best better good bad great beautiful big small open closed near nearby left right hot
  cold warm bank loan
`);

const GERMAN_TOPICS = words(`
  wetter regen regnet regnen schnee sonne sonnig wind temperatur vorhersage restaurant restaurants essen
  trinken getrank kaffee bier wein abendessen mittagessen fruhstuck meeresfruchte hotel hotels zimmer buchen
  buchung reservieren reservierung ticket tickets fahrkarte flug fluge flughafen zug zuge bahnhof bus taxi
  autos mieten miete parken parkplatz strasse karte preis preise kosten kostet billig teuer kaufen verkaufen
  geschaft einkaufen markt aktie aktien kurs aktienkurs borse konto steuer steuern gehalt arbeit job jobs visum
  reisepass arzt krankenhaus klinik haare telefon telefonnummer nummer email adresse webseite passwort
  geburtstag familie freund freunde frau mann kinder film filme musik spiel spiele fussball witz witze
  nachrichten urlaub ferien reise reisen tourist museum park zoo wohnung haus kleidung schuhe stellenangebot
  stellenangebote ubersetzen ubersetzung wechselkurs haarentfernung tattoo gebraucht gebrauchte gebrauchten
  versand
`);
const GERMAN_GENERAL = words(`
  heute morgen gestern abend abends nacht woche wochenende monat jahr tage stunde stunden minute zeit uhr beste
  bester bestes besten gute guter gutes schlecht grosse klein kleine offen geschlossen nahe rechts spat warm
  kalt heiss bank kredit
`);

const FRENCH_TOPICS = words(`
  meteo pluie pleut pleuvoir neige soleil vent temperature previsions restaurant restaurants manger boire
  boisson cafe biere vin diner dejeuner hotel hotels chambre reserver reservation billet billets vols aeroport
  train trains gare bus taxi voiture voitures louer parking rue carte prix cout coute cher chere acheter vendre
  magasin boutique marche action actions bourse compte bancaire impot impots salaire travail emploi visa
  passeport medecin hopital clinique cheveux telephone numero courriel email adresse motdepasse ticket
  anniversaire famille ami amis femme mari enfants film films musique jeu jeux football match chanson blague
  blagues nouvelles vacances voyage voyager touriste plage musee parc zoo appartement maison vetements
  chaussures mobile recrutement recrute embauche traduis traduire traduction change epilation tatouage
  occasion livraison
`);
const FRENCH_GENERAL = words(`
  aujourd hui demain hier soir matin nuit semaine weekend mois annee jour jours heure heures minute temps
  meilleur meilleure meilleurs bon bonne mauvais beau belle grande petit petite ouvert ferme gauche droite
  chaud froid banque pret
`);

const ENGLISH = new Set([...ENGLISH_TOPICS, ...ENGLISH_GENERAL]);
const GERMAN = new Set([...GERMAN_TOPICS, ...GERMAN_GENERAL]);
const FRENCH = new Set([...FRENCH_TOPICS, ...FRENCH_GENERAL]);

/** Everyday words per Latin-script language, folded. */
export const COMMON_WORDS: Readonly<Record<LatinLanguage, ReadonlySet<string>>> = {
  en: ENGLISH,
  de: GERMAN,
  fr: FRENCH,
};

/**
 * The one language whose everyday words include the folded word, or its singular in "s" ("emplois"), or null
 * (none, or shared like "hotel").
 */
export function commonWordLanguage(foldedWord: string): LatinLanguage | null {
  const singular = foldedWord.length > 3 && foldedWord.endsWith('s') ? foldedWord.slice(0, -1) : foldedWord;
  let owner: LatinLanguage | null = null;
  for (const lang of LATIN_LANGUAGES) {
    if (!COMMON_WORDS[lang].has(foldedWord) && !COMMON_WORDS[lang].has(singular)) continue;
    if (owner) return null;
    owner = lang;
  }
  return owner;
}

/** Words as the search sees them (stemmed search terms). */
function searchTerms(lists: readonly ReadonlySet<string>[]): ReadonlySet<string> {
  const terms = lists.flatMap((list) => [...list].flatMap((w) => analyzeText(w, { intents: false }).terms));
  return new Set(terms);
}

const COMMON_TERMS = searchTerms([ENGLISH, GERMAN, FRENCH]);
const TOPIC_TERMS = searchTerms([ENGLISH_TOPICS, GERMAN_TOPICS, FRENCH_TOPICS]);

/** True when a search term (folded, stemmed; see analyze.ts) is an everyday word of English, German or French. */
export function isCommonTerm(term: string): boolean {
  return COMMON_TERMS.has(term);
}

/** True when a search term is a word of an everyday topic (weather, food, travel ...), see the lists above. */
export function isEverydayTopicTerm(term: string): boolean {
  return TOPIC_TERMS.has(term);
}

/**
 * Chinese words of the same everyday topics. The search sees Chinese per character; a character that no entry
 * knows and that belongs to one of these words is as telling as "weather" is in English.
 */
const CHINESE_TOPICS: ReadonlySet<string> = new Set(
  `天气 下雨 下雪 气温 温度 电话 手机 号码 邮箱 地址 网址 股价 股票 门票 机票 车票 火车 高铁 飞机 酒店 宾馆 饭店 餐厅
   好吃 美食 海鲜 签证 护照 医院 看病 税率 个税 所得 价格 笑话 电影 音乐 足球 比赛 旅游 景点 租房 房子 工资 银行
   账户 贷款 开户 汇率 出租 打车 外卖 购物 商场 衣服 名字 招聘 求职 脱毛 美容 纹身 祛斑 整形 美甲
   减肥 理发 头发 二手 想买 购买 有卖 卖的 运费 汇率 翻译 江苏 浙江 广东 深圳 广州 杭州 苏州 香港 澳门 台湾 福建 河南 河北`
    .trim()
    .split(/\s+/),
);

/** True when the two-character Han word is one of an everyday topic. */
export function isEverydayTopicHanWord(bigram: string): boolean {
  return CHINESE_TOPICS.has(bigram);
}
