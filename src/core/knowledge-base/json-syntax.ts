import { ParseErrorCode, visit } from 'jsonc-parser';
import { findTooDeepBracket, MAX_JSON_DEPTH } from './json-nesting.js';

/** Where a JSON text first breaks the grammar or nests too deeply, and what was wrong there. */
export interface JsonSyntaxFault {
  /** 'nesting': a `[` or `{` opens a level deeper than allowed; the text may be valid JSON otherwise. */
  kind: 'syntax' | 'nesting';
  /** Offset in the text (UTF-16 code units). */
  offset: number;
  line: number;
  column: number;
  message: string;
}

/** The first error jsonc-parser reports, with the innermost object or array open where it is. */
interface FirstError {
  code: ParseErrorCode;
  offset: number;
  length: number;
  inside: 'object' | 'array' | undefined;
}

/**
 * Finds the first syntax error of a JSON text, or the first `[` or `{` nested deeper than `maxDepth`, with its
 * 1-based line and column; null when the text is valid JSON within that depth. JSON.parse does not always say
 * where it failed (V8 omits the position for an unexpected token), so this asks jsonc-parser, the parser VS Code
 * uses. Its parser recurses once per level, so it only reads the text up to the first bracket too deep.
 */
export function findJsonSyntaxFault(text: string, maxDepth = MAX_JSON_DEPTH): JsonSyntaxFault | null {
  if (!/\S/.test(text)) return fault(text, 'syntax', 0, 'the file is empty');
  const tooDeep = findTooDeepBracket(text, maxDepth);
  const error = firstError(tooDeep === -1 ? text : text.slice(0, tooDeep));
  // Cut before the deep bracket, the text ends early; only an error before the cut is one of the whole text.
  if (error && (tooDeep === -1 || error.offset < tooDeep)) return explain(text, error);
  if (tooDeep !== -1) return fault(text, 'nesting', tooDeep, `more than ${maxDepth} levels of [ and {`);
  return null;
}

function firstError(text: string): FirstError | undefined {
  const open: FirstError['inside'][] = [];
  let first: FirstError | undefined;
  visit(
    text,
    {
      onObjectBegin: () => void open.push('object'),
      onObjectEnd: () => void open.pop(),
      onArrayBegin: () => void open.push('array'),
      onArrayEnd: () => void open.pop(),
      onError: (code, offset, length) => {
        first ??= { code, offset, length, inside: open.at(-1) };
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return first;
}

/** The error as a person reads it, at the character that causes it. */
function explain(text: string, error: FirstError): JsonSyntaxFault {
  const { code, offset } = error;
  const found = describe(text[offset]);
  const before = previousNonSpace(text, offset);
  // A comma right before the closing bracket is the commonest hand-editing slip, so name it.
  if ((text[offset] === '}' || text[offset] === ']') && text[before] === ',')
    return fault(text, 'syntax', before, `trailing comma before '${text[offset]}'`);
  switch (code) {
    case ParseErrorCode.PropertyNameExpected:
      return fault(text, 'syntax', offset, `expected a property name in double quotes, found ${found}`);
    case ParseErrorCode.InvalidSymbol:
      if (error.inside === 'object' && (text[before] === '{' || text[before] === ','))
        return fault(text, 'syntax', offset, `expected a property name in double quotes, found ${found}`);
      return fault(text, 'syntax', offset, `unexpected ${found}`);
    case ParseErrorCode.ColonExpected:
      return fault(text, 'syntax', offset, `expected ':' after the property name, found ${found}`);
    case ParseErrorCode.CommaExpected:
      return fault(
        text,
        'syntax',
        offset,
        error.inside === 'object'
          ? `expected ',' or '}' after a property value, found ${found}`
          : `expected ',' or ']' after an array item, found ${found}`,
      );
    case ParseErrorCode.EndOfFileExpected:
      return fault(text, 'syntax', offset, `unexpected ${found} after the end of the JSON document`);
    case ParseErrorCode.InvalidCommentToken:
      return fault(text, 'syntax', offset, 'comments are not allowed in JSON');
    case ParseErrorCode.UnexpectedEndOfString:
    case ParseErrorCode.InvalidCharacter:
      return explainString(text, error);
    case ParseErrorCode.InvalidEscapeCharacter:
    case ParseErrorCode.InvalidUnicode:
      return fault(text, 'syntax', offset, 'invalid escape sequence in a string');
    case ParseErrorCode.InvalidNumberFormat:
    case ParseErrorCode.UnexpectedEndOfNumber:
      return fault(text, 'syntax', offset, 'invalid number');
    default:
      return fault(text, 'syntax', offset, `unexpected ${found}`);
  }
}

/** A string that a control character (a line break, say) breaks, or that the file ends in. */
function explainString(text: string, error: FirstError): JsonSyntaxFault {
  for (let at = error.offset + 1; at < text.length && at <= error.offset + error.length; at++) {
    if (text.charCodeAt(at) < 0x20)
      return fault(
        text,
        'syntax',
        at,
        `${describe(text[at])} (such as a line break) inside a string; write \\n`,
      );
  }
  return fault(text, 'syntax', error.offset, 'string is not closed');
}

/** Offset of the last character before `offset` that is not JSON white space, or -1. */
function previousNonSpace(text: string, offset: number): number {
  let at = offset - 1;
  while (at >= 0 && ' \t\n\r'.includes(text[at]!)) at--;
  return at;
}

function fault(
  text: string,
  kind: JsonSyntaxFault['kind'],
  offset: number,
  message: string,
): JsonSyntaxFault {
  return { kind, offset, ...lineAndColumn(text, offset), message };
}

/** 1-based line and column of an offset; a line ends at \n (so \r\n counts once). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'end of file';
  const code = ch.codePointAt(0)!;
  if (code < 0x20 || code === 0xfeff)
    return `character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}
