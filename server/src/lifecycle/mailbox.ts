/**
 * Reading saved mail: an mbox (as `b4 mbox` and mail clients write it, mboxo/mboxrd `>From `
 * unescaped), a maildir (its cur/ and new/ files) or a folder of .eml files; each message's
 * headers unfolded and RFC 2047 decoded, its text/plain body decoded (quoted-printable, base64,
 * charset; the first text/plain part of a multipart message).
 */
import { pushAll } from '../model/array';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { TextDecoder } from 'node:util';
import { decodeRfc2047 } from '../parse/rfc2047';

export interface Mail {
  /** Where it came from (`file` or `file#n` for the n-th message of an mbox). */
  source: string;
  headers: { name: string; value: string }[];
  /** Without angle brackets; empty when missing. */
  messageId: string;
  inReplyTo: string[];
  references: string[];
  subject: string;
  from: string;
  body: string;
}

/** The ids in angle brackets of an In-Reply-To/References value, without the brackets. */
export function messageIds(value: string): string[] {
  return [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
}

function header(headers: readonly { name: string; value: string }[], name: string): string {
  return headers.find((h) => h.name.toLowerCase() === name)?.value ?? '';
}

function parseHeaders(text: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && out.length > 0) {
      out[out.length - 1]!.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return out;
}

function param(value: string, name: string): string | null {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function decodeQuotedPrintable(bytes: Buffer): Buffer {
  const s = bytes.toString('latin1').replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(s.charCodeAt(i) & 0xff);
  }
  return Buffer.from(out);
}

function decodeText(bytes: Buffer, charset: string | null): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** The decoded text/plain of an entity (headers + body bytes); null when it has none. */
function entityText(headers: { name: string; value: string }[], body: Buffer): string | null {
  const type = header(headers, 'content-type') || 'text/plain';
  const mediaType = type.split(';')[0]!.trim().toLowerCase();
  if (mediaType.startsWith('multipart/')) {
    const boundary = param(type, 'boundary');
    if (!boundary) return null;
    const parts = body.toString('latin1').split(new RegExp(`^--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?$`, 'm'));
    for (const part of parts.slice(1)) {
      const raw = Buffer.from(part.replace(/^\r?\n/, ''), 'latin1');
      const { headers: h, body: b } = splitEntity(raw);
      const text = entityText(h, b);
      if (text !== null) return text;
    }
    return null;
  }
  if (mediaType !== 'text/plain') return null;
  const cte = header(headers, 'content-transfer-encoding').toLowerCase();
  let bytes = body;
  if (cte === 'base64') bytes = Buffer.from(body.toString('latin1').replace(/\s+/g, ''), 'base64');
  else if (cte === 'quoted-printable') bytes = decodeQuotedPrintable(body);
  return decodeText(bytes, param(type, 'charset'));
}

function splitEntity(raw: Buffer): { headers: { name: string; value: string }[]; body: Buffer } {
  const text = raw.toString('latin1');
  const m = /\r?\n\r?\n/.exec(text);
  const headerText = m ? text.slice(0, m.index) : text;
  const body = m ? raw.subarray(m.index + m[0].length) : Buffer.alloc(0);
  // Header bytes: UTF-8 when they are (raw 8-bit headers), RFC 2047 words decoded.
  const headers = parseHeaders(decodeText(Buffer.from(headerText, 'latin1'), 'utf-8')).map((h) => ({ name: h.name, value: decodeRfc2047(h.value) }));
  return { headers, body };
}

/** One message from its raw bytes. */
export function parseMail(raw: Buffer, source: string): Mail {
  const { headers, body } = splitEntity(raw);
  const text = (entityText(headers, body) ?? '').replace(/\r\n/g, '\n');
  return {
    source,
    headers,
    messageId: messageIds(header(headers, 'message-id'))[0] ?? '',
    inReplyTo: messageIds(header(headers, 'in-reply-to')),
    references: messageIds(header(headers, 'references')),
    subject: header(headers, 'subject'),
    from: header(headers, 'from'),
    body: text,
  };
}

/** The messages of an mbox file's bytes (split at `From ` lines, `>From ` unescaped). */
export function splitMbox(bytes: Buffer, source: string): Mail[] {
  const text = bytes.toString('latin1');
  const starts: number[] = [];
  const re = /^From [^\n]*\n/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index);
  if (starts.length === 0) return text.trim() ? [parseMail(bytes, source)] : [];
  return starts.map((start, i) => {
    const from = text.indexOf('\n', start) + 1;
    const chunk = text.slice(from, starts[i + 1] ?? text.length).replace(/^>(>*From )/gm, '$1');
    return parseMail(Buffer.from(chunk, 'latin1'), `${source}#${i + 1}`);
  });
}

/** Every message of an mbox file, a maildir or a folder of .eml files. */
export async function readMailbox(where: string): Promise<Mail[]> {
  const stat = await fs.stat(where);
  if (!stat.isDirectory()) return splitMbox(await fs.readFile(where), where);
  const files: string[] = [];
  const sub = ['cur', 'new'];
  const isMaildir = (await Promise.all(sub.map((d) => fs.stat(path.join(where, d)).then((s) => s.isDirectory(), () => false)))).some(Boolean);
  if (isMaildir) {
    for (const d of sub) {
      const names = await fs.readdir(path.join(where, d)).catch(() => [] as string[]);
      pushAll(files, names.sort().map((n) => path.join(where, d, n)));
    }
  } else {
    pushAll(files, (await fs.readdir(where)).filter((n) => /\.(eml|mbox|patch)$/i.test(n)).sort().map((n) => path.join(where, n)));
  }
  const out: Mail[] = [];
  for (const f of files) pushAll(out, splitMbox(await fs.readFile(f), f));
  return out;
}
