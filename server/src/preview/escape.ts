/**
 * Every piece of patch text goes through here before it reaches HTML. Bidirectional controls
 * and marks (Trojan Source) never reach it raw: in text they become a visible marker naming the
 * character, in attributes and `<title>` the plain `⟨U+202E⟩`.
 */
import { bidiCharacter } from '../model/bidi';

const SPECIAL = /[&<>"'\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function replacer(markup: boolean): (ch: string) => string {
  return (ch) => {
    const entity = ENTITIES[ch];
    if (entity !== undefined) return entity;
    const c = bidiCharacter(ch.charCodeAt(0));
    if (!c) return ch;
    return markup ? `<span class="bidi" title="${c.code} ${c.name}">⟨${c.code}⟩</span>` : `⟨${c.code}⟩`;
  };
}

const inText = replacer(true);
const inAttribute = replacer(false);

/** Text content of an element: escaped, bidi characters shown as `<span class="bidi">` markers. */
export function escapeHtml(text: string): string {
  return text.replace(SPECIAL, inText);
}

/** An attribute value or the `<title>`: escaped, bidi characters written as plain `⟨U+202E⟩`. */
export function escapeAttr(text: string): string {
  return text.replace(SPECIAL, inAttribute);
}
