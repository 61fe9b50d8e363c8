import { describe, expect, it } from 'vitest';
import { detectPersonRequest } from '../../../src/core/follow-up/person-request.js';

describe('"talk to a person" in four languages', () => {
  it.each([
    'I want to talk to a person',
    'Can I speak with a human please?',
    'real person',
    'connect me to someone',
    'contact staff',
    '转人工',
    '我要人工客服',
    '我想和工作人员聊一下',
    'Ich möchte mit einem Menschen sprechen',
    'Kann ich mit einem Mitarbeiter reden?',
    'Je voudrais parler à une personne',
    'Puis-je parler avec un conseiller ?',
  ])('recognises %j as a request without a question of its own', (text) => {
    expect(detectPersonRequest(text)).toEqual({ wantsPerson: true, hasQuestion: false });
  });

  it.each([
    'How many staff does SDITR have?',
    'Which person leads the laser equipment community?',
    '这个共同体有多少工作人员？',
    'Wie viele Mitarbeiter hat das Institut?',
    'Qui est la personne responsable de la communauté ?',
    'What is the funding policy?',
  ])('leaves %j to the knowledge base', (text) => {
    expect(detectPersonRequest(text).wantsPerson).toBe(false);
  });

  it('keeps a question that comes with the request', () => {
    expect(
      detectPersonRequest(
        'I want to talk to a person about how my startup can join the laser community in Jinan',
      ),
    ).toEqual({ wantsPerson: true, hasQuestion: true });
    expect(detectPersonRequest('转人工，我想问一下我们公司怎样加入共同体以及需要什么材料')).toEqual({
      wantsPerson: true,
      hasQuestion: true,
    });
  });
});
