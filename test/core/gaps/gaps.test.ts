import { describe, expect, it } from 'vitest';
import { buildGapExport } from '../../../src/core/gaps/draft-entries.js';
import type { GapCount } from '../../../src/core/gaps/gap.js';
import { normalizeGapText } from '../../../src/core/gaps/normalize-gap.js';
import { rankGaps } from '../../../src/core/gaps/rank-gaps.js';
import { validateKnowledgeBase } from '../../../src/core/knowledge-base/validate.js';

describe('normalizeGapText', () => {
  it('makes case, width, punctuation and spacing irrelevant, and keeps accents', () => {
    expect(normalizeGapText('  How do I JOIN?? ')).toBe('how do i join');
    expect(normalizeGapText('ＨＯＷ　do I join！')).toBe('how do i join');
    expect(normalizeGapText('激光装备共同体在哪里？')).toBe('激光装备共同体在哪里');
    expect(normalizeGapText('Où est la communauté ?')).toBe('où est la communauté');
    expect(normalizeGapText('🙂🙂')).toBe('');
  });

  it('counts a very long question by its first 200 characters', () => {
    expect([...normalizeGapText('字'.repeat(500))]).toHaveLength(200);
  });
});

describe('rankGaps', () => {
  it('sums by text and language, most frequent first, tickets breaking ties', () => {
    const ranked = rankGaps(
      [
        { normalized: 'b', lang: 'en', kind: 'unanswered', count: 2 },
        { normalized: 'a', lang: 'en', kind: 'unanswered', count: 1, example: 'A?' },
        { normalized: 'a', lang: 'en', kind: 'ticket', count: 1 },
        { normalized: 'c', lang: 'de', kind: 'unanswered', count: 1 },
        { normalized: 'b', lang: 'en', kind: 'unanswered', count: 1 },
      ],
      2,
    );
    expect(ranked).toEqual([
      { normalized: 'b', lang: 'en', example: 'b', unanswered: 3, tickets: 0, total: 3 },
      { normalized: 'a', lang: 'en', example: 'A?', unanswered: 1, tickets: 1, total: 2 },
    ]);
  });
});

const gap = (normalized: string, example: string, lang: GapCount['lang'] = 'en'): GapCount => ({
  normalized,
  lang,
  example,
  unanswered: 3,
  tickets: 1,
  total: 4,
});

describe('buildGapExport', () => {
  it('makes a draft entry per gap, its answer left to write, the staff answers of matching tickets beside it', () => {
    const exported = buildGapExport(
      [gap('where can i park', 'Where can I park?'), gap('停车', '停车？', 'zh')],
      [
        { question: 'where can I PARK', lang: 'en', answer: 'Old answer.', answeredAt: 1 },
        { question: 'Where can I park?', lang: 'en', answer: 'Behind building B.', answeredAt: 2 },
        { question: 'Where can I park?', lang: 'de', answer: 'Not the same language.', answeredAt: 3 },
      ],
      { now: Date.UTC(2030, 0, 1), days: 7 },
    );
    expect(exported.generatedAt).toBe('2030-01-01T00:00:00.000Z');
    expect(exported.drafts[0]).toEqual({
      question: 'Where can I park?',
      language: 'en',
      unanswered: 3,
      tickets: 1,
      staffAnswers: ['Behind building B.', 'Old answer.'],
      entry: {
        id: 'draft-where-can-i-park',
        kind: 'faq',
        title: { en: 'Where can I park?' },
        answer: {},
        search: { en: { aliases: [], questions: ['Where can I park?'], keywords: [] } },
        sources: [],
        related: [],
      },
    });
    expect(exported.drafts[1]).toMatchObject({
      language: 'zh',
      staffAnswers: [],
      entry: { id: 'draft-1', answer: {} },
    });
  });

  it('redacts personal details from questions, staff answers and ids', () => {
    const question = 'My name is Anna Berg, can I borrow ¥50,000? Call 138 1234 5678';
    const exported = buildGapExport(
      [gap(normalizeGapText(question), question)],
      [
        {
          question,
          lang: 'en',
          answer: 'Dear Ms. Berg, please write to li.wei@example.cn. Best regards, Li',
          answeredAt: 1,
        },
      ],
      { now: 0, days: 7 },
    );
    const [draft] = exported.drafts;
    expect(draft!.question).toBe('My name is [name], can I borrow [sum]? Call [phone]');
    expect(draft!.staffAnswers).toEqual(['Dear Ms. [name], please write to [e-mail]. Best regards, [name]']);
    expect(draft!.entry.title.en).toBe(draft!.question);
    expect(draft!.entry.id).toBe('draft-my-name-is-name-can-i-borrow');
    expect(JSON.stringify(exported)).not.toMatch(/Anna|Berg|50,000|5678|li\.wei|Li\b/);
  });

  it('gives drafts unique ids that kb:check accepts as ids', () => {
    const exported = buildGapExport(
      [gap('a b', 'A b'), gap('a b', 'A b', 'de'), gap('x'.repeat(80), 'long')],
      [],
      { now: 0, days: 7 },
    );
    const ids = exported.drafts.map((d) => d.entry.id);
    expect(new Set(ids).size).toBe(3);
    const result = validateKnowledgeBase({ version: 'x', entries: exported.drafts.map((d) => d.entry) });
    if (result.ok) throw new Error('drafts are incomplete on purpose');
    expect(result.errors.filter((e) => e.field === 'id')).toEqual([]);
  });
});
