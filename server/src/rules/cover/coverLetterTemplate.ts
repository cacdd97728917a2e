/**
 * COVER_LETTER_TEMPLATE: template text left in a cover letter: git's `*** SUBJECT HERE ***` and
 * `*** BLURB HERE ***`, b4's `EDITME` (b4 send refuses such a cover: "needs-editing"). For a
 * single patch, b4 puts the cover text under the `---`, so an EDITME there counts too.
 */
import type { Finding, TextRule } from '../types';
import { span, stripCr } from '../../model/range';

const SUBJECT_MARKER = '*** SUBJECT HERE ***';
const EDITME = /\bEDITME\b/;

export const coverLetterTemplate: TextRule = {
  kind: 'text',
  id: 'COVER_LETTER_TEMPLATE',
  severity: 'error',
  description: 'The cover letter still holds template text.',
  doc: [
    'The cover letter still holds template text: git format-patch --cover-letter writes',
    '`*** SUBJECT HERE ***` and `*** BLURB HERE ***`, b4 writes `EDITME` lines. Replace them with',
    'the series title and a description of the series (what, why, how tested).',
    '',
    'Source: git format-patch; b4 (`needs-editing` pre-flight check).',
    '',
    'Example: `Subject: [PATCH v2 0/3] net: phy: fix link detection on foo`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ doc, msg, report }) {
    const push = (what: string, range: Finding['range']): void => {
      report({
        message: `Cover letter template text left: replace ${what}`,
        range,
      });
    };
    const s = msg.subject;
    if (msg.kind === 'cover') {
      if (s) {
        const at = s.summary.indexOf(SUBJECT_MARKER);
        const editme = EDITME.exec(s.summary);
        const exact = s.summaryRange.start.line === s.summaryRange.end.line;
        const col = s.summaryRange.start.character;
        if (at >= 0) {
          push('"*** SUBJECT HERE ***" with the series title', exact ? span(s.summaryRange.start.line, col + at, col + at + SUBJECT_MARKER.length) : s.summaryRange);
        } else if (editme) {
          push('the EDITME subject with the series title', exact ? span(s.summaryRange.start.line, col + editme.index, s.summaryRange.end.character) : s.summaryRange);
        }
      }
      for (const m of msg.cover?.templateMarkers ?? []) {
        // The parser may one day report the subject's marker too; don't say it twice.
        if (s && m.line >= s.summaryRange.start.line && m.line <= s.summaryRange.end.line) continue;
        push(m.text === '*** BLURB HERE ***' ? '"*** BLURB HERE ***" with a description of the series' : `"${m.text}"`, m.range);
      }
      return;
    }
    if (msg.kind === 'patch' && msg.notes) {
      const end = msg.notes.endLine + 1;
      for (let l = msg.notes.startLine; l < end; l++) {
        const text = stripCr(doc.lines.get(l) ?? '');
        if (text.startsWith('#')) continue;
        const m = EDITME.exec(text);
        if (m) push(`"${text.slice(m.index).trimEnd()}"`, span(l, m.index, text.trimEnd().length));
      }
    }
    return;
  },
};
