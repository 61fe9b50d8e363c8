/**
 * Recognises "I want to talk to a person" in the four languages. Each pattern needs a verb of talking or
 * contacting next to a word for a person (or a fixed phrase such as 转人工), so that questions which merely
 * mention people ("how many staff does SDITR have?") still go to the knowledge base.
 */
const PATTERNS: readonly RegExp[] = [
  // English
  /\b(talk|speak|chat|get in touch|connect me)\b.{0,20}\b(a |an |the |some |real |actual |live )*(person|human|people|someone|somebody|staff|agent|operator|representative|team member|member of (the )?staff)\b/i,
  /\b(real|live|actual) (person|human|agent)\b/i,
  /\b(contact|reach) (a |the |your |some )?(staff|person|human|team|support)\b/i,
  /\bhuman,? please\b/i,
  // Chinese
  /转人工|人工客服|人工服务|找人工|要人工|真人|找客服|联系客服/,
  /(找|联系|联络|问问?)(一下)?(你们的?)?(工作人员|人员|负责人|员工)/,
  /(跟|和|与|同)(一个)?(人|真人|工作人员)(聊|说|谈|讲|对话|沟通)/,
  // German
  /\b(mit|zu)\b.{0,25}\b(mensch(en)?|person|mitarbeiter(in)?|jemandem|menschlichen|ansprechpartner(in)?)\b.{0,20}\b(sprechen|reden|chatten|verbinden|schreiben)\b/i,
  /\b(echte[nmr]?|menschliche[nmr]?) (mensch(en)?|person|ansprechpartner|mitarbeiter)\b/i,
  /\b(mitarbeiter(in)?|ansprechpartner(in)?|menschen) (kontaktieren|erreichen)\b/i,
  // French (no \b around accented letters: JavaScript's \b only knows ASCII word characters)
  /(parler|discuter|échanger|m'entretenir)\s+(à|a|avec)\s+(une personne|un humain|un être humain|quelqu'un|quelqu’un|un conseiller|une conseillère|un agent|un membre|l'équipe|l’équipe|le personnel|un vrai|une vraie)/i,
  /(vraie personne|vrai humain|personne réelle|agent humain|conseiller humain)/i,
  /contacter (un |une |le |l'|l’)?(conseiller|conseillère|humain|personnel|équipe|agent)/i,
];

/** Words that add nothing to a question once the request for a person is taken out. */
const FILLER =
  /\b(i|i'd|id|want|would|like|to|please|can|could|may|we|let|me|now|just|je|voudrais|veux|aimerais|s'il|vous|plaît|plait|ich|möchte|will|bitte|gerne|gern|kann|ich|mit|zu|a|an|the|einem|einer|un|une|à|avec)\b/gi;

export interface PersonRequest {
  /** The message asks for a human. */
  wantsPerson: boolean;
  /** Besides asking for a human it carries a question of its own, worth passing on as it is. */
  hasQuestion: boolean;
}

/** Tells whether a message asks for a person, and whether it holds a question beyond that request. */
export function detectPersonRequest(text: string): PersonRequest {
  const normalized = text.normalize('NFKC');
  const pattern = PATTERNS.find((p) => p.test(normalized));
  if (!pattern) return { wantsPerson: false, hasQuestion: false };
  const rest = normalized
    .replace(pattern, ' ')
    .replace(FILLER, ' ')
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
  const cjk = (rest.match(/\p{Script=Han}/gu) ?? []).length;
  const words = rest.split(' ').filter((w) => w.length > 1).length;
  return { wantsPerson: true, hasQuestion: cjk >= 6 || words >= 4 };
}
