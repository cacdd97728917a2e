/**
 * SUBJECT_NO_SUBSYSTEM (CHECK level, kernel only): the summary does not start with a
 * `subsys[/component]: ` prefix. Kernel titles name the subsystem the change is in ([SP], [TIP]).
 * Deliberately lenient (a miss is better than a false alarm): any `word: ` among the first
 * words counts as a prefix; reverts and merges keep git's wording.
 */
import type { TextRule } from '../types';
import { isGeneratedTitle, summaryOffsetPosition } from './util';

/** `KVM: x86: `, `net/mlx5e: `, `dt-bindings: `, also a prefix of up to three words (`ASoC: SOF: ipc4: `). */
const LENIENT_PREFIX = /^(\S+ ){0,2}\S+?: /;

export const subjectNoSubsystem: TextRule = {
  kind: 'text',
  id: 'SUBJECT_NO_SUBSYSTEM',
  severity: 'information',
  description: 'The subject summary does not start with a subsystem prefix.',
  doc: [
    'Kernel commit titles start with the subsystem (and component) the change is in, followed',
    'by a colon: `net: phy: ...`, `KVM: x86: ...`, `mm/slub: ...`. Use the prefix earlier commits',
    'to the same files used: `git log --oneline -- <files>`.',
    '',
    'Source: submitting-patches.rst ("The canonical patch format"), maintainer-tip.rst.',
    '',
    'Write `drm/i915: fix the scaler setup`, not `Fix the scaler setup in i915`.',
  ].join('\n'),
  profiles: ['kernel'],
  origin: null,
  check({ doc, msg, report }) {
    const s = msg.subject;
    if (!s || msg.kind === 'cover' || s.isReply) return;
    const summary = s.summary;
    if (summary === '' || s.subsystem !== null || LENIENT_PREFIX.test(summary) || isGeneratedTitle(summary)) return;
    // The first word; a summary may start with a stray control character such as a lone `\r`.
    const word = /^\s*\S*/.exec(summary)?.[0] ?? summary;
    const end = summaryOffsetPosition(doc.lines, summary, s.summaryRange.start, word.length);
    report({
      message: 'Subject summary has no subsystem prefix: start it with "subsys: " (see git log --oneline -- <files>)',
      range: end && end.line === s.summaryRange.start.line ? { start: s.summaryRange.start, end } : s.summaryRange,
    });
    return;
  },
};
