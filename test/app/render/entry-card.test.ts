import { describe, expect, it } from 'vitest';
import { renderEntryCard } from '../../../src/app/render/entry-card.js';
import type { Entry } from '../../../src/core/knowledge-base/schema.js';
import type { Language } from '../../../src/core/language/languages.js';
import { createTranslator } from '../../../src/i18n/translator.js';
import { shippedKb } from '../reload/support.js';

const t = createTranslator();
const card = (entry: Entry, lang: Language) =>
  renderEntryCard(entry, lang, (key, vars) => t(lang, key, vars)).replace(/<[^>]+>/g, '');
const entry = async (id: string) => (await shippedKb()).entries.find((e) => e.id === id)!;

describe('an entry card', () => {
  it('shows a member count the source gives as approximate as "about", in every language', async () => {
    const laser = await entry('laser-equipment');
    expect(card(laser, 'en')).toContain('Members: about 20 (as of 2019-09-18)');
    expect(card(laser, 'zh')).toContain('成员： 约20家（截至2019-09-18）');
    expect(card(laser, 'de')).toContain('Mitglieder: etwa 20 (Stand 2019-09-18)');
    expect(card(laser, 'fr')).toContain('Membres : environ 20 (au 2019-09-18)');
  });

  it('shows an exact member count as it is', async () => {
    const inorganic = await entry('inorganic-materials');
    expect(card(inorganic, 'en')).toContain('Members: 50 (as of 2022-10-14)');
  });
});
