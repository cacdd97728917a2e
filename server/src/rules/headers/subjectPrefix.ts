/**
 * SUBJECT_PREFIX: a patch mail whose subject has no `PATCH` tag (`[RFC] foo: bar`, or no
 * brackets at all). Mailing lists, patchwork and b4 recognise patches by it ([SP], [POST]).
 * Pull requests (`[PULL ...]`, `[GIT PULL]`) and replies are not patches and are left alone.
 */
import type { TextRule } from '../types';
import { mailSubjectHeader, subjectIsMailSubject } from './util';

export const subjectPrefix: TextRule = {
  kind: 'text',
  id: 'SUBJECT_PREFIX',
  severity: 'warning',
  description: 'The mail subject has no [PATCH] tag.',
  doc: [
    'A patch mail\'s subject starts with a bracketed prefix that contains `PATCH`, optionally with',
    '`RFC`, `RESEND`, `vN`, `M/N` and a tree name: `[PATCH v2 3/7] net: foo: fix bar`.',
    'Lists, patchwork and b4 recognise patches by it. `git format-patch` adds it; keep it when',
    'editing the subject by hand (`--subject-prefix="PATCH net-next"`, `--rfc`, `-v2`).',
    '',
    'Source: submitting-patches.rst, 5.Posting.rst.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ msg, report }) {
    const s = msg.subject;
    if (!s || msg.kind !== 'patch' || !subjectIsMailSubject(msg) || s.isReply || s.patch) return;
    const words = s.prefixes.map((p) => p.toUpperCase());
    if (words.includes('PULL') || words.includes('PR')) return;
    const header = mailSubjectHeader(msg)!;
    const exact = header.value === header.rawValue;
    const group = s.groups[0];
    if (group) {
      const rfcFirst = /^\[rfc\b/i.exec(group.text);
      const at = rfcFirst ? rfcFirst[0].length : 1;
      const insert = rfcFirst ? ' PATCH' : 'PATCH ';
      const fixed = group.text.slice(0, at) + insert + group.text.slice(at);
      const pos = { line: group.range.start.line, character: group.range.start.character + at };
      report({
        message: `Subject prefix ${group.text} has no PATCH tag: write ${fixed}`,
        range: group.range,
        ...(exact && group.range.start.line === group.range.end.line
          ? { fix: { title: `Write ${fixed}`, edits: [{ range: { start: pos, end: pos }, newText: insert }], safety: 'safe' as const } }
          : {}),
      });
      return;
    }
    const start = s.summaryRange.start;
    const word = /^\S+/.exec(s.summary);
    const range =
      exact && word && s.summaryRange.start.line === s.summaryRange.end.line
        ? { start, end: { line: start.line, character: start.character + word[0].length } }
        : header.valueRange;
    report({
      message: 'Subject has no [PATCH] prefix: write "[PATCH] subsys: summary" (git format-patch adds it)',
      range,
      ...(exact ? { fix: { title: 'Add the [PATCH] prefix', edits: [{ range: { start, end: start }, newText: '[PATCH] ' }], safety: 'safe' as const } } : {}),
    });
    return;
  },
};
