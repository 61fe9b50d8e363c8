import { describe, expect, it } from 'vitest';
import { redactPersonalDetails } from '../../../src/core/gaps/redact.js';

describe('redactPersonalDetails', () => {
  it.each([
    ['mail anna.schmidt@example.de or info@firma-gmbh.com.cn', 'mail [e-mail] or [e-mail]'],
    ['call +49 30 1234 5678, 0531-88881234 or 13812345678', 'call [phone], [phone] or [phone]'],
    [
      'a loan of ¥500,000, 50万元, 20000 yuan, 3 000 € or USD 1.5 million',
      'a loan of [sum], [sum], [sum], [sum] or [sum]',
    ],
    ['Hi, my name is Anna Schmidt', 'Hi, my name is [name]'],
    ['Dear Mr. Wang, see you. Best regards, Lena', 'Dear Mr. [name], see you. Best regards, [name]'],
    ["Bonjour Monsieur Martin, je m'appelle Marie Dupont", "Bonjour Monsieur [name], je m'appelle [name]"],
    ['Sehr geehrte Frau Müller, mein Name ist Jan', 'Sehr geehrte Frau [name], mein Name ist [name]'],
    ['我叫李明，王先生说要5万元', '我叫[name]，[name]先生说要[sum]'],
  ])('%s', (text, redacted) => {
    expect(redactPersonalDetails(text)).toBe(redacted);
  });

  it('leaves questions without personal details as they are, dates, years and counts included', () => {
    for (const text of [
      'How many members did the laser community have on 2019-09-18?',
      'Which communities were approved in 2021, and are there 30 of them?',
      '激光装备共同体在哪里？',
      'Wie kann mein Unternehmen beitreten?',
    ])
      expect(redactPersonalDetails(text)).toBe(text);
  });
});
