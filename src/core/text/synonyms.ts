import { analyzeText } from './analyze.js';

/**
 * Everyday words that people use for the same idea when they ask about organisations, where the knowledge base
 * can only use one of them per string: "who runs / heads / is in charge of X" means "who leads X". Each group is
 * one idea in English, German and French (the knowledge base has all three, so a German word may well meet an
 * English one). Only ideas that many entries share belong here; words particular to one entry go into that
 * entry's search keywords instead, where staff can see and edit them.
 */
const GROUPS: readonly string[] = [
  // Who is in charge of an organisation.
  `lead leads leader run runs head heads manage manages charge oversee oversees responsible president
   leiten leitet geleitet leitung führen führt geführt zuständig verantwortlich verantwortet präsident
   diriger dirige dirigée pilote piloter gère gérer mène mener responsable président`,
  // Putting out a policy document.
  `issue issued publish published release released print printed promulgate promulgated
   erlassen veröffentlicht veröffentlichen herausgegeben publier publié publiée parution émis
   promulgué`,
  // Setting up an organisation.
  `unveil unveiled inaugurate inaugurated opened establish established founded
   eröffnet gegründet gründung eingeweiht inauguré inaugurée créé créée fondé fondée ouvert`,
  // What an applicant or member must fulfil.
  `requirement requirements condition conditions criteria eligibility eligible qualify qualification
   voraussetzung voraussetzungen bedingung bedingungen anforderung anforderungen kriterien
   critère critères exigence exigences éligibilité`,
  // What a company makes, in the generic word (laser equipment, sports equipment, connected devices).
  `equipment device devices apparatus appliance appliances
   gerät geräte ausrüstung ausstattung
   équipement équipements appareil appareils dispositif dispositifs`,
];

/** The same ideas in Chinese, as two-character words (the search sees Chinese as character pairs). */
const HAN_GROUPS: readonly string[] = [
  '牵头 负责 主管 领导 带头 主导 管理',
  '印发 出台 发布 颁布 下发',
  '成立 揭牌 设立 创立 挂牌',
  '条件 要求 门槛 资格 标准',
  '装备 设备 器械 仪器',
];

/** Each group's words as the search indexes them (folded, stemmed), so that they compare with index keys. */
function indexedForms(group: string): string[] {
  return [...new Set(group.split(/\s+/).flatMap((word) => analyzeText(word, { intents: false }).terms))];
}

const SYNONYMS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const group of GROUPS) {
    const terms = indexedForms(group);
    for (const term of terms) map.set(term, [...(map.get(term) ?? []), ...terms.filter((t) => t !== term)]);
  }
  return map;
})();

/** The other indexed forms of the same idea as the term (an analysed term), or [] when it has none. */
export function synonymsOf(term: string): readonly string[] {
  return SYNONYMS.get(term) ?? [];
}

const HAN_SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map(
  HAN_GROUPS.flatMap((group) => {
    const words = group.split(' ');
    return words.map((word) => [word, words.filter((w) => w !== word)] as const);
  }),
);

/** The other two-character Chinese words of the same idea, or [] when it has none. */
export function hanSynonymsOf(bigram: string): readonly string[] {
  return HAN_SYNONYMS.get(bigram) ?? [];
}
