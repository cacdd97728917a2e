/**
 * Unicode's bidirectional formatting characters: the embeddings, overrides and isolates that
 * reorder how text is displayed (Trojan Source, CVE-2021-42574: a reviewer reads one thing, git
 * applies another), and the three implicit marks, which only set the direction of the neutral
 * characters next to them. Shared by the BIDI_CONTROL_CHARACTER rule and the preview, which
 * shows every one of them as a visible marker.
 */

export type BidiKind = 'control' | 'mark';

export interface BidiCharacter {
  /** `U+202E` */
  code: string;
  /** `RIGHT-TO-LEFT OVERRIDE` (the Unicode name). */
  name: string;
  kind: BidiKind;
}

const TABLE: ReadonlyMap<number, BidiCharacter> = new Map(
  (
    [
      [0x202a, 'LEFT-TO-RIGHT EMBEDDING', 'control'],
      [0x202b, 'RIGHT-TO-LEFT EMBEDDING', 'control'],
      [0x202c, 'POP DIRECTIONAL FORMATTING', 'control'],
      [0x202d, 'LEFT-TO-RIGHT OVERRIDE', 'control'],
      [0x202e, 'RIGHT-TO-LEFT OVERRIDE', 'control'],
      [0x2066, 'LEFT-TO-RIGHT ISOLATE', 'control'],
      [0x2067, 'RIGHT-TO-LEFT ISOLATE', 'control'],
      [0x2068, 'FIRST STRONG ISOLATE', 'control'],
      [0x2069, 'POP DIRECTIONAL ISOLATE', 'control'],
      [0x200e, 'LEFT-TO-RIGHT MARK', 'mark'],
      [0x200f, 'RIGHT-TO-LEFT MARK', 'mark'],
      [0x061c, 'ARABIC LETTER MARK', 'mark'],
    ] as const
  ).map(([cp, name, kind]) => [cp, { code: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, name, kind }]),
);

/** The bidi character with this UTF-16 code unit (all of them are in the BMP), if it is one. */
export function bidiCharacter(codeUnit: number): BidiCharacter | undefined {
  // Every one is U+061C or in U+200E..U+2069: a cheap range test first (this runs per character).
  if (codeUnit !== 0x061c && (codeUnit < 0x200e || codeUnit > 0x2069)) return undefined;
  return TABLE.get(codeUnit);
}

/** Calls `fn` with the column (UTF-16) of every bidi character of `text`. */
export function forEachBidi(text: string, fn: (column: number, c: BidiCharacter) => void): void {
  for (let i = 0; i < text.length; i++) {
    const c = bidiCharacter(text.charCodeAt(i));
    if (c) fn(i, c);
  }
}

/** Whether `text` holds any bidi character (controls or marks). */
export function hasBidi(text: string): boolean {
  // One regular-expression scan: a whole message of a huge patch is tested at once.
  return ANY_BIDI.test(text);
}

/** Every character of TABLE (a test keeps the two equal). */
const ANY_BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** `text` with every bidi character written as a visible `⟨U+202E⟩` (for plain text: titles, attributes). */
export function showBidi(text: string): string {
  if (!hasBidi(text)) return text;
  let out = '';
  let from = 0;
  forEachBidi(text, (col, c) => {
    out += `${text.slice(from, col)}⟨${c.code}⟩`;
    from = col + 1;
  });
  return out + text.slice(from);
}
