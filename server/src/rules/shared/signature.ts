/**
 * Signature lines (`Signed-off-by:`, `Reviewed-by:`, `Cc:` ...) as checkpatch.pl finds them:
 * every line matching `^(\s*)([a-z0-9_-]+by:|$signature_tags)(\s*)(.*)` (case-insensitive).
 * Shared by BAD_SIGN_OFF, BAD_STABLE_ADDRESS_STYLE, BAD_REPORTED_BY_LINK and the sign-off checks.
 */

/** checkpatch `$signature_tags` (6.18) plus `Assisted-by:` (7.0+), without the colon. */
export const SIGNATURE_TAGS = [
  'Signed-off-by',
  'Co-developed-by',
  'Acked-by',
  'Tested-by',
  'Reviewed-by',
  'Reported-by',
  'Suggested-by',
  'Assisted-by',
  'To',
  'Cc',
] as const;

/** The tags checkpatch suggests for a misspelt one (find_standard_signature), in its order. */
export const STANDARD_SIGNATURES = [
  'Signed-off-by',
  'Co-developed-by',
  'Acked-by',
  'Tested-by',
  'Reviewed-by',
  'Reported-by',
  'Suggested-by',
  'Assisted-by',
] as const;

const TAG_ALT = SIGNATURE_TAGS.map((t) => `${t}:`).join('|');
/** checkpatch's line pattern. */
const SIGNATURE_LINE = new RegExp(`^(\\s*)([a-z0-9_-]+by:|${TAG_ALT})(\\s*)(.*)$`, 'i');
/** checkpatch's `$sign_off !~ /$signature_tags/` (unanchored, case-insensitive). */
const KNOWN_TAG = new RegExp(`(?:${TAG_ALT})`, 'i');

export interface SignatureLine {
  line: number;
  /** The line text without a trailing `\r`. */
  text: string;
  spaceBefore: string;
  /** The tag as written, with its colon (`Signed-Off-By:`). */
  tag: string;
  spaceAfter: string;
  /** Everything after the spaces that follow the colon (checkpatch's `$email`). */
  value: string;
  /** Columns of the tag (without the colon) and of the value. */
  tagStart: number;
  tagEnd: number;
  valueStart: number;
}

/** Parses one line as a checkpatch signature line, or null. */
export function matchSignatureLine(text: string, line: number): SignatureLine | null {
  const m = SIGNATURE_LINE.exec(text);
  if (!m) return null;
  const spaceBefore = m[1]!;
  const tag = m[2]!;
  const spaceAfter = m[3]!;
  const tagStart = spaceBefore.length;
  const tagEnd = tagStart + tag.length - 1;
  return {
    line,
    text,
    spaceBefore,
    tag,
    spaceAfter,
    value: m[4]!,
    tagStart,
    tagEnd,
    valueStart: tagEnd + 1 + spaceAfter.length,
  };
}

/** Whether checkpatch treats the tag as a standard signature (`$sign_off =~ /$signature_tags/`). */
export function isKnownSignatureTag(tag: string): boolean {
  return KNOWN_TAG.test(tag);
}

/** ucfirst(lc(tag)): `SIGNED-OFF-BY:` -> `Signed-off-by:`. */
export function ucfirstLc(tag: string): string {
  const lc = tag.toLowerCase();
  return lc.charAt(0).toUpperCase() + lc.slice(1);
}

/** checkpatch's get_edit_distance(): Levenshtein, case-insensitive, ignoring `-`. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase().replace(/-/g, '');
  const t = b.toLowerCase().replace(/-/g, '');
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = s[i - 1] === t[j - 1] ? prev[j - 1]! : 1 + Math.min(cur[j - 1]!, prev[j]!, prev[j - 1]!);
    }
    prev = cur;
  }
  return prev[t.length]!;
}

/** checkpatch's find_standard_signature(): the first standard tag within edit distance 2, or null. */
export function nearestStandardSignature(tag: string): string | null {
  const bare = tag.endsWith(':') ? tag.slice(0, -1) : tag;
  for (const s of STANDARD_SIGNATURES) if (editDistance(bare, s) <= 2) return s;
  return null;
}
