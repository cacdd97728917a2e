/**
 * TRAILER_CONTINUATION (patchsmith WARNING): a tag (`*-by:`, `Fixes:`, `Link:`, `Closes:`, `Cc:`
 * ...) folded over several lines. git joins RFC 822 continuation lines, but the kernel never
 * wraps tags (they are exempt from the 75-column rule) and checkpatch, b4 and patchwork read one
 * line. Free-text keys (`Upstream: <a sentence>`) are left alone. The fix joins the lines.
 */
import type { TextEdit, TextRule } from '../types';
import { range } from '../../model/range';
import { lineText } from '../shared/commitLog';
import { matchSignatureLine } from '../shared/signature';

/** Tags that are one line by definition; free-text tags (`Upstream: ...` notes) may be folded prose. */
const ONE_LINE_TAG = /^(?:[a-z0-9_-]+-by|fixes|link|closes|cc|to|message-id|buglink|resolves|based-on|change-id)$/i;

export const trailerContinuation: TextRule = {
  kind: 'text',
  id: 'TRAILER_CONTINUATION',
  severity: 'warning',
  description: 'A trailer is wrapped onto a continuation line.',
  doc: [
    'Never wrap a tag: keep `Fixes:`, `Link:`, `Signed-off-by:` and friends on one line, however',
    'long. git would join an indented continuation line, but checkpatch, b4 and patchwork read',
    'each tag as one line.',
    '',
    '```',
    'Fixes: 0123456789ab ("mm: a title that is long enough to go past seventy-five columns")',
    '```',
    '',
    'Source: submitting-patches.rst (tags are exempt from line wrapping); git-interpret-trailers(1).',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ doc, msg, report }) {
    const block = msg.message.trailerBlock;
    if (!block) return;
    for (const t of block.trailers) {
      if (!ONE_LINE_TAG.test(t.key)) continue;
      // An indented signature line is BAD_SIGN_OFF's ("whitespace before").
      const conts = t.continuationLines.filter((c) => !matchSignatureLine(lineText(doc, c), c));
      if (conts.length === 0 || conts.length !== t.continuationLines.length) continue;
      const first = conts[0]!;
      const last = conts[conts.length - 1]!;
      const firstText = lineText(doc, first);
      const edits: TextEdit[] = [];
      let prev = t.line;
      for (const c of conts) {
        const prevText = lineText(doc, prev);
        const cText = lineText(doc, c);
        edits.push({
          range: range(prev, prevText.trimEnd().length, c, cText.length - cText.trimStart().length),
          newText: ' ',
        });
        prev = c;
      }
      report({
        message: `Do not wrap the '${t.key}:' tag: keep it on one line (tags are exempt from the line length limit)`,
        range: range(first, firstText.length - firstText.trimStart().length, last, lineText(doc, last).trimEnd().length),
        fix: { title: `Join the '${t.key}:' tag into one line`, edits, safety: 'safe' },
      });
    }
    return;
  },
};
