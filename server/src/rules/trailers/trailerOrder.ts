/**
 * TRAILER_ORDER (patchsmith WARNING, only when `trailerOrder` is configured): the trailers in your
 * chain of custody are not in the configured order, with b4's semantics (`b4.trailer-order`):
 * only the trailers after the previous-to-last Signed-off-by are ordered (the earlier ones are
 * other people's), each pattern (fnmatch, case-insensitive: `fixes*`, `reported*`, `*`) takes the
 * matching trailers in their order, unmatched ones go last, and your own Signed-off-by (taken to
 * be the last one) stays at the bottom. The fix reorders the lines.
 */
import type { Trailer } from '../../model/types';
import type { Report, TextRule } from '../types';
import { range, span } from '../../model/range';
import { lineText } from '../shared/commitLog';
import { maxOf } from '../../model/array';
import { TrailerOrder } from '../shared/glob';

/** b4's ordering of `trailers` by `patterns` (see TrailerOrder). */
export function orderTrailers<T extends { key: string }>(trailers: readonly T[], patterns: readonly string[]): T[] {
  return new TrailerOrder(patterns).sort(trailers);
}

function linesOf(t: Trailer): number[] {
  const ls = [t.line, ...t.continuationLines];
  if (t.noteLine !== null) ls.push(t.noteLine);
  return ls.sort((a, b) => a - b);
}

export const trailerOrder: TextRule = {
  kind: 'text',
  id: 'TRAILER_ORDER',
  severity: 'warning',
  description: 'Your trailers are not in the configured order (b4.trailer-order).',
  doc: [
    'With `trailerOrder` set (like b4\'s `b4.trailer-order`, e.g. `fixes*, reported*, closes*,',
    'suggested*, *`), the trailers you added since the previous sign-off are kept in that order,',
    'and your own Signed-off-by: stays last. Trailers above the previous-to-last Signed-off-by',
    'belong to earlier handlers and are left as they are.',
    '',
    'Source: b4 (`b4.trailer-order`, LoreMessage.fix_trailers).',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: null,
  check({ doc, msg, config, report }) {
    const patterns = config.trailerOrder;
    const block = msg.message.trailerBlock;
    if (!block || new TrailerOrder(patterns).keepsOrder) return;
    const trailers = block.trailers;
    const isSob = (t: Trailer) => t.key.toLowerCase() === 'signed-off-by';
    let mine = -1;
    for (let i = trailers.length - 1; i >= 0; i--) if (isSob(trailers[i]!)) { mine = i; break; }
    let prev = -1;
    for (let i = (mine >= 0 ? mine : trailers.length) - 1; i >= 0; i--) if (isSob(trailers[i]!)) { prev = i; break; }
    const custody = trailers.slice(prev + 1);
    if (custody.length < 2) return;
    const others = custody.filter((_, k) => prev + 1 + k !== mine);
    const expected = orderTrailers(others, patterns);
    if (mine >= 0) expected.push(trailers[mine]!);
    const k = custody.findIndex((t, i) => t !== expected[i]);
    if (k < 0) return;
    const wrong = custody[k]!;
    const want = expected[k]!;
    const finding: Report = {
      message: `Trailers are not in the configured order (${patterns.join(', ')}): '${want.key}:' should come before '${wrong.key}:'`,
      range: span(wrong.line, wrong.keyRange.start.character, wrong.keyRange.end.character),
    };
    // Reorder only when the custody lines are exactly these trailers (no notes or stray lines between).
    const first = custody[0]!.line;
    const lastT = custody[custody.length - 1]!;
    const last = maxOf(linesOf(lastT));
    const covered = new Set(custody.flatMap(linesOf));
    for (let l = first; l <= last; l++) {
      if (!covered.has(l)) {
        report(finding);
        return;
      }
    }
    const text = expected.map((t) => linesOf(t).map((l) => lineText(doc, l)).join('\n')).join('\n');
    report({
      ...finding,
      fix: {
        title: 'Reorder the trailers',
        edits: [{ range: range(first, 0, last, lineText(doc, last).length), newText: text }],
        // Which trailers are yours is read from the sign-offs: a guess.
        safety: 'unsafe',
      },
    });
  },
};
