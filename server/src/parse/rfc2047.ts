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
    const charset = normaliseCharset(m[1]);
    const bytes = m[2].toUpperCase() === 'Q' ? decodeQ(m[3]) : decodeB(m[3]);
    if (!bytes || !charset || !decoderFor(charset)) continue;
    words.push({ start, end: start + m[0].length, charset, bytes });
  }
  if (words.length === 0) return value;

  let out = '';
  let cursor = 0;
  let i = 0;
  while (i < words.length) {
    out += value.slice(cursor, words[i].start);
    // Adjacent words (only whitespace between them) of one charset are decoded together so that
    // a multi-byte character split across two words comes out whole.
    const chunks: Buffer[] = [words[i].bytes];
    let j = i;
    while (
      j + 1 < words.length &&
      /^[ \t\r\n]*$/.test(value.slice(words[j].end, words[j + 1].start)) &&
      words[j + 1].charset === words[i].charset
    ) {
      j++;
      chunks.push(words[j].bytes);
    }
    out += decodeBytes(Buffer.concat(chunks), words[i].charset);
    cursor = words[j].end;
    // Whitespace between this run and a following encoded word of another charset is dropped too.
    if (j + 1 < words.length && /^[ \t\r\n]*$/.test(value.slice(cursor, words[j + 1].start))) {
      cursor = words[j + 1].start;
    }
    i = j + 1;
  }
  out += value.slice(cursor);
  return out;
}

/** `UTF-8*en` (RFC 2231 language) -> `utf-8`. */
function normaliseCharset(charset: string): string {
  return charset.split('*')[0].toLowerCase();
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
    const c = text[i];
    if (c === '_') {
      bytes.push(0x20);
    } else if (c === '=') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return null;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      const code = c.charCodeAt(0);
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
