/**
 * RFC 2047 encoded words in mail headers: `=?charset?Q?...?=` and `=?charset?B?...?=`.
 * Whitespace between adjacent encoded words is dropped; malformed words stay as written.
 */
import { TextDecoder } from 'node:util';

const ENCODED_WORD = /=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=/g;

interface Word {
  /** Offsets of the word in the input. */
  start: number;
  end: number;
  charset: string;
  bytes: Buffer;
}

/** Decodes RFC 2047 encoded words; text that is not a valid encoded word is kept unchanged. */
export function decodeRfc2047(value: string): string {
  if (!value.includes('=?')) return value;
  const words: Word[] = [];
  for (const m of value.matchAll(ENCODED_WORD)) {
    const start = m.index ?? 0;
    const charset = normaliseCharset(m[1]!);
    const bytes = m[2]!.toUpperCase() === 'Q' ? decodeQ(m[3]!) : decodeB(m[3]!);
    if (!bytes || !charset || !decoderFor(charset)) continue;
    words.push({ start, end: start + m[0].length, charset, bytes });
  }
  if (words.length === 0) return value;

  let out = '';
  let cursor = 0;
  let i = 0;
  while (i < words.length) {
    const first = words[i]!;
    out += value.slice(cursor, first.start);
    // Adjacent words (only whitespace between them) of one charset are decoded together so that
    // a multi-byte character split across two words comes out whole.
    const chunks: Buffer[] = [first.bytes];
    let last = first;
    let next = words[i + 1];
    while (next && /^[ \t\r\n]*$/.test(value.slice(last.end, next.start)) && next.charset === first.charset) {
      chunks.push(next.bytes);
      last = next;
      i++;
      next = words[i + 1];
    }
    out += decodeBytes(Buffer.concat(chunks), first.charset);
    cursor = last.end;
    // Whitespace between this run and a following encoded word of another charset is dropped too.
    if (next && /^[ \t\r\n]*$/.test(value.slice(cursor, next.start))) cursor = next.start;
    i++;
  }
  out += value.slice(cursor);
  return out;
}

/** `UTF-8*en` (RFC 2231 language) -> `utf-8`. */
function normaliseCharset(charset: string): string {
  return charset.split('*', 1)[0]!.toLowerCase();
}

function decoderFor(charset: string): TextDecoder | null {
  try {
    return new TextDecoder(charset);
  } catch {
    return null;
  }
}

function decodeBytes(bytes: Buffer, charset: string): string {
  const decoder = decoderFor(charset);
  return decoder ? decoder.decode(bytes) : bytes.toString('latin1');
}

function decodeQ(text: string): Buffer | null {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '_') {
      bytes.push(0x20);
    } else if (c === '=') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return null;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      const code = text.charCodeAt(i);
      if (code > 0x7e || code < 0x21) return null;
      bytes.push(code);
    }
  }
  return Buffer.from(bytes);
}

function decodeB(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return null;
  return Buffer.from(text, 'base64');
}
