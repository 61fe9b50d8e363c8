import type { Entry } from '../knowledge-base/schema.js';
import { LANGUAGES, type Localized } from '../language/languages.js';
import { foldForMatching } from '../text/normalize.js';

/**
 * Questions whose answer is not one entry's card but something composed from the entries' structured facts:
 * a list ("which communities are in Qingdao?"), a comparison ("the difference between the laser and the
 * polymer community") or contact details, which the knowledge base never holds (facts.md lists none) and for
 * which the honest answer is the lead organisation and a way to staff.
 */
export type StructuredRequest = 'list' | 'compare' | 'contact';

const CONTACT =
  /\b(phone|telephone|tel|e-?mail|email address|contact|contacts|hotline|wechat|whatsapp|telefon\w*|kontakt\w*|anruf\w*|telephone|courriel|joindre|coordonnees)\b|电话|联系方式|邮箱|联系人|联系|微信|热线/;
const COMPARE =
  /\b(difference|differences|differ|compare|compared|comparison|versus|vs)\b|unterschied\w*|vergleich\w*|differenc\w*|compar\w*|区别|差别|不同|对比|比较|异同/;
const LIST =
  /\b(which|what|list( of)?|all)\b.{0,30}\b(communities|ones)\b|\bwelche\b.{0,30}gemeinschaften|\bliste\b|\bquelles?\b.{0,30}communautes|哪些|哪几个|有几个|名单|列表/;

/** What the question asks for beyond one entry, if anything (folded text, any of the four languages). */
export function structuredRequest(question: string): StructuredRequest | null {
  const text = foldForMatching(question);
  if (CONTACT.test(text)) return 'contact';
  if (COMPARE.test(text)) return 'compare';
  if (LIST.test(text)) return 'list';
  return null;
}

/** A city of the knowledge base's facts: its folded names in every language, and the communities there. */
interface KnownCity {
  names: Set<string>;
  city: Localized<string>;
  communities: Entry[];
}

/** The cities of one knowledge-base version, built at its first list question (entries never change in a version). */
const citiesOfVersion = new WeakMap<readonly Entry[], KnownCity[]>();

function knownCities(entries: readonly Entry[]): KnownCity[] {
  const cached = citiesOfVersion.get(entries);
  if (cached) return cached;
  const byName = new Map<string, KnownCity>();
  for (const entry of entries) {
    const city = entry.facts?.city;
    if (!city) continue;
    const key = cityName(city.en);
    let known = byName.get(key);
    if (!known) {
      const names = Object.fromEntries(
        LANGUAGES.map((lang) => [lang, city[lang].split(DISTRICT)[0]!.trim()]),
      );
      known = { names: new Set(), city: names as Localized<string>, communities: [] };
      byName.set(key, known);
    }
    for (const lang of LANGUAGES) known.names.add(cityName(city[lang]));
    if (entry.kind === 'community') known.communities.push(entry);
  }
  const cities = [...byName.values()];
  citiesOfVersion.set(entries, cities);
  return cities;
}

/** The communities in the first city of the knowledge base's facts that the question names, or null when it names none. */
export function communitiesInNamedCity(
  question: string,
  entries: readonly Entry[],
): { city: Localized<string>; entries: Entry[] } | null {
  const text = foldForMatching(question);
  for (const known of knownCities(entries)) {
    for (const name of known.names) {
      if (namesPlace(text, name)) return { city: known.city, entries: known.communities };
    }
  }
  return null;
}

/** "Qingdao (West Coast New Area)" and 青岛（西海岸新区） name the city before the district. */
const DISTRICT = /[(（]/;

function cityName(value: string): string {
  return foldForMatching(value.split(DISTRICT)[0]!.trim());
}

/** True when the folded text holds the place name: as a word in Latin script, anywhere in Chinese. */
function namesPlace(text: string, place: string): boolean {
  if (!place) return false;
  if (/\p{Script=Han}/u.test(place)) return text.includes(place);
  const at = text.indexOf(place);
  if (at < 0) return false;
  const before = text[at - 1];
  const after = text[at + place.length];
  return !(before && /[a-z]/.test(before)) && !(after && /[a-z]/.test(after));
}
