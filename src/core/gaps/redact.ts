/**
 * Personal details taken out of users' questions and staff replies before they leave the desk in a `/gaps export`:
 * e-mail addresses, phone numbers, sums of money and names, each replaced by a marker saying what was there. Names
 * are found by what introduces them (titles, "my name is", greetings and sign-offs, 先生/女士 and the like), so a
 * name nothing introduces stays: the export's read-me asks the admin to check. Dates and years are left alone.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

const CURRENCY_BEFORE = String.raw`(?:[¥￥$€£]|\b(?:RMB|CNY|EUR|USD)\b)`;
const CURRENCY_AFTER = String.raw`(?:元|块钱|块|欧元|美元|[€$¥]|\b(?:yuan|rmb|cny|euros?|eur|dollars?|usd)\b)`;
/** Digits with the separators of thousands and decimals (a space only before a group of three), then a unit. */
const AMOUNT = String.raw`\d(?:\d|[,.](?=\d)|\s(?=\d{3}\b))*(?:\s?(?:(?:million|billion|Mio|Mrd|mn|k|m)\b\.?|万|亿|千))?`;
const SUM = new RegExp(String.raw`${CURRENCY_BEFORE}\s?${AMOUNT}|${AMOUNT}\s?${CURRENCY_AFTER}`, 'giu');

/** Seven digits or more, with the separators people type; a date (2024-05-01) is not one. */
const PHONE = /(?:\+|\b00)?\d[\d\s()./-]{5,}\d/g;
const DATE_LIKE = /^\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?$/;

const CAPITALISED = String.raw`\p{Lu}[\p{L}'’-]+`;
const TITLE = String.raw`\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Herr|Frau|Mme|Mlle|Monsieur|Madame|M\.)\.?\s+`;
/** Words that introduce a name, either case of their first letter. */
const INTRODUCTION = String.raw`\b(?:${[
  'my name is',
  'I am called',
  'ich heiße',
  'mein Name ist',
  "je m'appelle",
  'hi',
  'hello',
  'dear',
  'hallo',
  'liebe',
  'lieber',
  'sehr geehrte',
  'sehr geehrter',
  'bonjour',
  'cher',
  'chère',
  'best',
  'regards',
  'best regards',
  'kind regards',
  'thanks',
  'cheers',
  'viele Grüße',
  'Grüße',
  'cordialement',
]
  .map((words) => `[${words[0]!.toUpperCase()}${words[0]!.toLowerCase()}]${words.slice(1)}`)
  .join('|')})[,:]?\s+`;
const WESTERN_NAME = new RegExp(
  String.raw`(${TITLE}|${INTRODUCTION}(?:${TITLE})?)${CAPITALISED}(?:\s+${CAPITALISED})?`,
  'gu',
);
/** A surname before 先生, 女士..., or a name after 我叫, 联系人... */
const CHINESE_NAME =
  /\p{Script=Han}(?=先生|女士|小姐|经理|老师|主任|总监|博士|教授)|(?<=我叫|我的名字是|本人|联系人[:：]?\s?)\p{Script=Han}{2,3}/gu;

export const REDACTED = {
  email: '[e-mail]',
  phone: '[phone]',
  sum: '[sum]',
  name: '[name]',
} as const;

/** The text with e-mail addresses, sums, phone numbers and names replaced by markers (REDACTED). */
export function redactPersonalDetails(text: string): string {
  return text
    .replace(EMAIL, REDACTED.email)
    .replace(SUM, REDACTED.sum)
    .replace(PHONE, (match) => (DATE_LIKE.test(match) || digits(match) < 7 ? match : REDACTED.phone))
    .replace(WESTERN_NAME, (_match, introduction: string) => `${introduction}${REDACTED.name}`)
    .replace(CHINESE_NAME, REDACTED.name);
}

const digits = (text: string): number => text.replace(/\D/g, '').length;
