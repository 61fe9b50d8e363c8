import { foldForMatching } from './normalize.js';

/**
 * General ideas people ask about in their own words, whatever the entry calls them: "get my firm in",
 * "wie kommt man da rein", "rentrer dedans" and 怎么进 all mean joining; "cash", "Kohle", "fric" and 给多少钱
 * mean funding. Single words are handled by synonyms and the entries' keywords; these are the phrasings that
 * need more than one word, or words too loose to be keywords ("rein", "dedans"). A matched idea adds its
 * canonical words to what the search reads, so that it meets the entries' material in every language.
 */
interface Concept {
  /** Canonical words, as the knowledge base's English material words the idea. */
  terms: string;
  /** Tested on the folded text (lower case, accents removed). */
  latin: RegExp;
  han: RegExp | null;
}

const CONCEPTS: readonly Concept[] = [
  {
    terms: 'join membership member',
    latin:
      /\b(get|getting|bring|put)\b[\w' ]{0,30}\b(in|into|inside|on board)\b|\bjoin(ing|ed)?\b|\bsign(ing)? up\b|\bbecom\w* (a )?(member|part)\b|\b(rein|hinein|beitreten|beitritt|mitmachen|aufgenommen|aufnahme)\b|\bmitglied werden\b|\b(rentrer|entrer|integrer|rejoindre|adherer|adhesion)\b|\bfaire partie\b/,
    han: /加入|进入|入会|入驻|怎么进|能进|成为成员|成为会员|参与进来/,
  },
  {
    terms: 'funding money',
    latin:
      /\b(money|cash|dough|bucks|funds?|funding|subsid\w*|grants?)\b|\b(kohle|geld|knete|kohle|zuschuss\w*|mittel)\b|\b(argent|fric|sous|thune|pognon|financement|subventions?)\b/,
    han: /多少钱|给钱|拿钱|资金|补贴|补助|扶持|奖补|经费/,
  },
  {
    terms: 'recognition approve',
    latin:
      /\b(decides?|deciding|decided|approv\w*|green light|badge|recogni[sz]\w*|designat\w*|selects?|picks?)\b|\b(entscheid\w*|genehmig\w*|bewillig\w*|anerkenn\w*|anerkannt\w*|status)\b|\b(decide\w*|valide\w*|approuv\w*|agre\w*|reconnaissance|reconnue?s?|labellis\w*|statut)\b/,
    han: /谁批|审批|批准|认定|评审|谁定|谁决定|谁说了算|怎么评/,
  },
  {
    terms: 'achievements results',
    latin:
      /\b(results?|outcomes?|achiev\w*|impact|track record|delivered|numbers|figures|stats)\b|\b(ergebnis\w*|gebracht|erreicht|bilanz|zahlen|erfolg\w*)\b|\b(resultats?|bilan|acquis|realisations?|chiffres)\b/,
    han: /成效|成果|成绩|效果|数据|业绩|干出了什么/,
  },
  {
    terms: 'operating model',
    latin:
      /\brun like\b|\b(organi[sz]ed|governance|legal form)\b|\b(aufgestellt|organisiert|vorstand|rechtsform)\b|\b(gouvernance|conseil d'administration|statut juridique|fonctionnent)\b/,
    han: /怎么运作|运营模式|管理模式|理事会|会员制|怎么运营|像公司/,
  },
  {
    terms: 'layout plan cities',
    latin:
      /\b(master plan|layout|where in the province|which cities|built around|cent(red|ered) on)\b|\bwelchen? stadte\b|\bstandorte\b|\bquelles villes\b|\bimplantation\b/,
    han: /布局|哪几个城市|哪些城市|围绕哪/,
  },
  {
    terms: 'batch batches',
    latin: /\b(rounds?|waves?|tranches?)\b|\b(runden?|wellen?)\b|\b(vagues?|lots?|promotions?)\b/,
    han: /几批|批次|哪一批|第几批|几轮/,
  },
];

/** The canonical words of the ideas the question expresses, "" when it expresses none of them. */
export function conceptTerms(question: string): string {
  const text = foldForMatching(question);
  const han = /\p{Script=Han}/u.test(text);
  return CONCEPTS.filter((c) => c.latin.test(text) || (han && c.han !== null && c.han.test(text)))
    .map((c) => c.terms)
    .join(' ');
}
