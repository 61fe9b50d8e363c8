import { MAX_JSON_DEPTH } from './json-nesting.js';

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

class Fault extends Error {
  constructor(
    readonly offset: number,
    message: string,
    readonly kind: JsonSyntaxFault['kind'] = 'syntax',
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/**
 * Finds the first syntax error of a JSON text, or the first `[` or `{` nested deeper than `maxDepth`, with its
 * 1-based line and column; null when the text is valid JSON within that depth. JSON.parse does not always say
 * where it failed (V8 omits the position for an unexpected token), so this walks the grammar itself; the depth
 * limit keeps that walk's recursion far from the call-stack limit, whatever the text.
 */
export function findJsonSyntaxFault(text: string, maxDepth = MAX_JSON_DEPTH): JsonSyntaxFault | null {
  try {
    new JsonScanner(text, maxDepth).document();
    return null;
  } catch (error) {
    if (!(error instanceof Fault)) throw error;
    const at = error.offset;
    return { kind: error.kind, offset: at, ...lineAndColumn(text, at), message: error.message };
  }
}

/** 1-based line and column of an offset; a line ends at \n (so \r\n counts once). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
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

class JsonScanner {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  document(): void {
    this.skipSpace();
    if (this.pos >= this.text.length) throw new Fault(0, 'the file is empty');
    this.value();
    this.skipSpace();
    if (this.pos < this.text.length) {
      throw new Fault(this.pos, `unexpected ${describe(this.peek())} after the end of the JSON document`);
    }
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private skipSpace(): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch !== ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r') return;
      this.pos++;
    }
  }

  private unexpected(): never {
    throw new Fault(this.pos, `unexpected ${describe(this.peek())}`);
  }

  private value(): void {
    const ch = this.peek();
    if (ch === '{' || ch === '[') return this.nested(ch);
    if (ch === '"') return this.string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return;
      }
    }
    this.unexpected();
  }

  private nested(opening: '{' | '['): void {
    if (++this.depth > this.maxDepth) {
      throw new Fault(this.pos, `more than ${this.maxDepth} levels of [ and {`, 'nesting');
    }
    if (opening === '{') this.object();
    else this.array();
    this.depth--;
  }

  private object(): void {
    this.pos++;
    this.skipSpace();
    if (this.peek() === '}') return void this.pos++;
    for (;;) {
      this.skipSpace();
      if (this.peek() !== '"') {
        throw new Fault(
          this.pos,
          `expected a property name in double quotes, found ${describe(this.peek())}`,
        );
      }
      this.string();
      this.skipSpace();
      if (this.peek() !== ':') throw new Fault(this.pos, `expected ':' after the property name`);
      this.pos++;
      this.skipSpace();
      this.value();
      this.skipSpace();
      if (this.peek() === '}') return void this.pos++;
      if (this.peek() !== ',') {
        throw new Fault(
          this.pos,
          `expected ',' or '}' after a property value, found ${describe(this.peek())}`,
        );
      }
      this.rejectTrailingComma('}');
    }
  }

  private array(): void {
    this.pos++;
    this.skipSpace();
    if (this.peek() === ']') return void this.pos++;
    for (;;) {
      this.skipSpace();
      this.value();
      this.skipSpace();
      if (this.peek() === ']') return void this.pos++;
      if (this.peek() !== ',') {
        throw new Fault(this.pos, `expected ',' or ']' after an array item, found ${describe(this.peek())}`);
      }
      this.rejectTrailingComma(']');
    }
  }

  /** Consumes a comma; a comma right before the closing bracket is the commonest hand-editing slip, so name it. */
  private rejectTrailingComma(closing: string): void {
    const comma = this.pos;
    this.pos++;
    this.skipSpace();
    if (this.peek() === closing) throw new Fault(comma, `trailing comma before '${closing}'`);
  }

  private string(): void {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new Fault(start, 'string is not closed');
      if (ch === '"') return void this.pos++;
      if (ch === '\\') {
        const next = this.text[this.pos + 1];
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6)))
          this.pos += 6;
        else if (next !== undefined && ESCAPES.has(next)) this.pos += 2;
        else throw new Fault(this.pos, `invalid escape sequence in a string`);
        continue;
      }
      if (ch < ' ')
        throw new Fault(this.pos, `${describe(ch)} (such as a line break) inside a string; write \\n`);
      this.pos++;
    }
  }

  private number(): void {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) throw new Fault(this.pos, 'invalid number');
    this.pos += match[0].length;
  }
}
