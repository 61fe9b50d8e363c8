import { describe, expect, it } from 'vitest';
import {
  checkQuestion,
  cleanQuestion,
  FOLLOW_UP_LIMITS,
  questionFingerprint,
} from '../../../src/core/follow-up/limits.js';

describe('follow-up limits', () => {
  it('accepts 2000 characters and refuses 2001, counting Chinese characters as one each', () => {
    expect(checkQuestion('a'.repeat(FOLLOW_UP_LIMITS.questionChars))).toBeNull();
    expect(checkQuestion('a'.repeat(FOLLOW_UP_LIMITS.questionChars + 1))).toBe('too-long');
    expect(checkQuestion('激'.repeat(2000))).toBeNull();
    expect(checkQuestion('😀'.repeat(2000))).toBeNull();
  });

  it('refuses an empty question after cleaning', () => {
    expect(checkQuestion(cleanQuestion('  \n\n  '))).toBe('empty');
  });

  it('cleaning trims and folds runs of blank lines', () => {
    expect(cleanQuestion('  one\r\n\r\n\r\n\r\ntwo  ')).toBe('one\n\ntwo');
  });

  it('the same question typed differently has one fingerprint', () => {
    expect(questionFingerprint('How do I JOIN?')).toBe(questionFingerprint('how do i join'));
    expect(questionFingerprint('怎么加入？')).toBe(questionFingerprint('怎么加入?'));
    expect(questionFingerprint('Ｆｕｎｄｉｎｇ')).toBe(questionFingerprint('funding'));
    expect(questionFingerprint('funding')).not.toBe(questionFingerprint('membership'));
  });
});
