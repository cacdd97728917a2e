/**
 * The trailers a reviewer gives in a reply (pure), as b4 reads follow-ups: `Key: value` lines
 * outside quoted text (`>` lines never match) and above the signature (`-- `); person trailers
 * (`*-by`, `Cc`) need an address, `Fixes:` needs none; values with a URL are not taken; a
 * `Name` line followed by an `<address>` line is joined, as b4 joins that copy-paste wrap.
 */

export interface GivenTrailer {
  key: string;
  value: string;
}

const TRAILER = /^\s*([A-Za-z][A-Za-z0-9-]*):\s+(\S.*?)\s*$/;
const PERSON_KEY = /^([A-Za-z0-9-]+-by|cc)$/i;
const ADDRESS = /\S+@\S+\.\S+/;

export function replyTrailers(body: string): GivenTrailer[] {
  let text = body.replace(/\r\n/g, '\n');
  const sig = text.indexOf('\n-- \n');
  if (sig >= 0) text = text.slice(0, sig);
  text = text.replace(/^(\S+:\s+[^<\n]+)\n(<[^>\n]+>)$/gm, '$1 $2');
  const out: GivenTrailer[] = [];
  for (const line of text.split('\n')) {
    const m = TRAILER.exec(line);
    if (!m) continue;
    const key = m[1]!;
    const value = m[2]!;
    if (/https?:\/\//i.test(value)) continue;
    if (PERSON_KEY.test(key)) {
      if (!ADDRESS.test(value)) continue;
    } else if (key.toLowerCase() !== 'fixes') continue;
    out.push({ key, value });
  }
  return out;
}

/** The key as git and b4 compare it, and the value (an address compared without case). */
export function trailerIdentity(t: GivenTrailer): string {
  const email = /<([^>]+)>/.exec(t.value)?.[1] ?? (ADDRESS.exec(t.value)?.[0] ?? '');
  const key = t.key.toLowerCase();
  return PERSON_KEY.test(t.key) && email ? `${key}\0${email.toLowerCase()}` : `${key}\0${t.value.toLowerCase().replace(/\s+/g, ' ')}`;
}

/** The quoted text of a reply with one level of `>` removed (to find a quoted diff). */
export function unquote(body: string): string {
  return body
    .split('\n')
    .filter((l) => l.startsWith('>'))
    .map((l) => l.replace(/^> ?/, ''))
    .join('\n');
}
