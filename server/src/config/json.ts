/**
 * A small strict JSON parser that keeps the position of every value and key, so configuration
 * errors can point at the exact place (Node's JSON.parse does not say where it failed).
 * Positions are 0-based lines and UTF-16 columns, like the patch model.
 */
import type { Range } from '../model/types';
import { lineStarts } from '../rules/fixes';

export type JsonNode =
  | { kind: 'object'; range: Range; props: JsonProperty[] }
  | { kind: 'array'; range: Range; items: JsonNode[] }
  | { kind: 'string'; range: Range; value: string }
  | { kind: 'number'; range: Range; value: number }
  | { kind: 'boolean'; range: Range; value: boolean }
  | { kind: 'null'; range: Range };

export interface JsonProperty {
  key: string;
  keyRange: Range;
  value: JsonNode;
}

export interface JsonError {
  message: string;
  range: Range;
}

export type JsonResult = { ok: true; value: JsonNode } | { ok: false; error: JsonError };

class Fail {
  constructor(
    readonly message: string,
    readonly at: number,
    readonly end: number,
  ) {}
}

export function parseJson(text: string): JsonResult {
  const starts = lineStarts(text);
  const position = (offset: number): { line: number; character: number } => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo]! };
  };
  const rangeOf = (a: number, b: number): Range => ({ start: position(a), end: position(b) });

  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;

  const describe = (at: number): string => {
    if (at >= text.length) return 'end of file';
    const ch = text[at]!;
    return ch === '\n' || ch === '\r' ? 'end of line' : `'${ch}'`;
  };
  const skip = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const expect = (what: string): never => {
    throw new Fail(`expected ${what} but found ${describe(i)}`, i, Math.min(i + 1, text.length));
  };

  const parseString = (): { value: string; start: number; end: number } => {
    const start = i;
    i++; // opening quote
    let value = '';
    for (;;) {
      if (i >= text.length) throw new Fail('unterminated string', start, i);
      const c = text[i]!;
      if (c === '"') {
        i++;
        return { value, start, end: i };
      }
      if (c === '\n' || c === '\r') throw new Fail('unterminated string (strings cannot span lines)', start, i);
      if (c < ' ') throw new Fail('control character in string', i, i + 1);
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          value += simple[e];
          i += 2;
          continue;
        }
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        throw new Fail('invalid escape in string', i, Math.min(i + 2, text.length));
      }
      value += c;
      i++;
    }
  };

  const parseValue = (depth: number): JsonNode => {
    if (depth > 200) throw new Fail('nesting too deep', i, i + 1);
    skip();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const props: JsonProperty[] = [];
      skip();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', range: rangeOf(start, i), props };
      }
      for (;;) {
        skip();
        if (text[i] !== '"') expect(props.length ? 'a property name in double quotes (no trailing comma)' : "a property name in double quotes or '}'");
        const key = parseString();
        skip();
        if (text[i] !== ':') expect("':' after the property name");
        i++;
        const value = parseValue(depth + 1);
        props.push({ key: key.value, keyRange: rangeOf(key.start, key.end), value });
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', range: rangeOf(start, i), props };
        }
        expect("',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      skip();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', range: rangeOf(start, i), items };
      }
      for (;;) {
        skip();
        if (text[i] === ']') expect('a value (no trailing comma)');
        items.push(parseValue(depth + 1));
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'array', range: rangeOf(start, i), items };
        }
        expect("',' or ']'");
      }
    }
    if (c === '"') {
      const s = parseString();
      return { kind: 'string', range: rangeOf(s.start, s.end), value: s.value };
    }
    const num = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (num && num[0] !== '-') {
      i += num[0].length;
      return { kind: 'number', range: rangeOf(start, i), value: Number(num[0]) };
    }
    for (const [word, node] of [
      ['true', { kind: 'boolean', value: true }],
      ['false', { kind: 'boolean', value: false }],
      ['null', { kind: 'null' }],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { ...node, range: rangeOf(start, i) } as JsonNode;
      }
    }
    return expect('a value');
  };

  try {
    const value = parseValue(0);
    skip();
    if (i < text.length) throw new Fail(`unexpected ${describe(i)} after the end of the JSON value`, i, i + 1);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: { message: e.message, range: rangeOf(e.at, e.end) } };
    throw e;
  }
}
