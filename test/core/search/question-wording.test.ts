import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../src/core/knowledge-base/build-snapshot.js';
import { loadSmallKb } from './small-kb.js';

const snapshot = buildSnapshot(loadSmallKb(), { defaultLanguage: 'en' });
const ask = (text: string, clientLanguageCode: string | null = null) =>
  snapshot.answer(text, { clientLanguageCode });

describe('questions worded differently from the knowledge base', () => {
  it.each([
    ['who runs the polymer community', 'polymer-materials'],
    ['who is in charge of the laser community', 'laser-equipment'],
    ['Wer ist für die Lasergemeinschaft zuständig', 'laser-equipment'],
    ['qui gere la communaute polymere', 'polymer-materials'],
    ['激光共同体由谁负责', 'laser-equipment'],
  ])('takes "%s" as "who leads" and answers %s', (question, id) => {
    const result = ask(question);
    expect(result.outcome).toBe('answered');
    expect(result.entry?.id).toBe(id);
  });

  it.each(['laser devices', 'Lasergeräte', 'appareils laser', '激光设备'])(
    'takes the generic word for a product ("%s") as the entry\'s "equipment"',
    (question) => {
      expect(ask(question).entry?.id).toBe('laser-equipment');
    },
  );

  it('reads German typed without umlauts (ue, oe, ae)', () => {
    const result = ask('Foerderung fuer Gemeinschaften');
    expect(result).toMatchObject({ outcome: 'answered', lang: 'de' });
    expect(result.entry?.id).toBe('funding');
  });

  it('joins a German separable verb with its particle at the end of the question', () => {
    const result = ask('wie trete ich bei');
    expect(result.outcome).toBe('answered');
    expect(result.entry?.id).toBe('membership');
  });

  it('understands colloquial Chinese question words (咋 for 怎么)', () => {
    const result = ask('企业咋加入共同体');
    expect(result.outcome).toBe('answered');
    expect(result.entry?.id).toBe('membership');
  });

  it('corrects two swapped letters', () => {
    expect(ask('polyemr community').entry?.id).toBe('polymer-materials');
  });
});

describe('questions about something else', () => {
  it('does not answer when a strong everyday word is unknown, even if the rest names an entry', () => {
    for (const question of [
      'polymer community stock price',
      'laser community restaurant',
      '激光共同体电话',
    ]) {
      const result = ask(question);
      expect(result.outcome, question).not.toBe('answered');
      expect(result.entry).toBeNull();
    }
  });

  it('does not take an everyday word for a typo of a knowledge-base word', () => {
    // "wetter" is one letter away from "weiter", "demain" from "demand": neither may count as a match.
    for (const question of ['Wie ist das Wetter in Jinan?', 'meteo a jinan demain'])
      expect(ask(question).outcome).toBe('unknown');
  });
});
