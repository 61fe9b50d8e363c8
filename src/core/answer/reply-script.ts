import { toTraditional } from '../text/chinese-script.js';
import type { AnswerResult } from './types.js';

/**
 * Reply text in the asker's script: Chinese for someone who wrote in traditional characters is converted to
 * them (the knowledge base is simplified); every other reply is returned as it is.
 */
export function inScript(text: string, result: Pick<AnswerResult, 'lang' | 'traditional'>): string {
  return result.traditional && result.lang === 'zh' ? toTraditional(text) : text;
}
