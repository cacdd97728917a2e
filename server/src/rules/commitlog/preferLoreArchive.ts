/**
 * PREFER_LORE_ARCHIVE (checkpatch WARNING): a link into a mailing-list archive other than
 * lore.kernel.org (lkml.org, marc.info, spinics.net, lists.infradead.org, mail-archive.com,
 * ozlabs.org/pipermail, mailman.alsa-project.org/pipermail, freedesktop.org/archives/dri-devel).
 * Checked in the commit message (and a cover letter's text) and in the notes below `---`.
 */
import type { TextRule } from '../types';
import { span } from '../../model/range';
import { lineText } from '../shared/commitLog';

const ARCHIVES =
  /\b(?:freedesktop\.org\/archives\/dri-devel|lists\.infradead\.org|lkml\.org|mail-archive\.com|mailman\.alsa-project\.org\/pipermail|marc\.info|ozlabs\.org\/pipermail|spinics\.net)/i;
const URL = /http\S*/g;

export const preferLoreArchive: TextRule = {
  kind: 'text',
  id: 'PREFER_LORE_ARCHIVE',
  severity: 'warning',
  description: 'A mailing-list link points to an archive other than lore.kernel.org.',
  doc: [
    'Link mailing-list messages through lore.kernel.org, which archives every kernel list and',
    'resolves message-ids: `https://lore.kernel.org/r/<message-id>`. Other archives (lkml.org,',
    'marc.info, spinics.net, lists.infradead.org pipermail, mail-archive.com ...) come and go.',
    'See https://lore.kernel.org/lists.html.',
    '',
    'Source: checkpatch.pl `PREFER_LORE_ARCHIVE`; submitting-patches.rst, maintainer-tip.rst.',
  ].join('\n'),
  profiles: ['kernel'],
  origin: { checkpatch: 'PREFER_LORE_ARCHIVE', level: 'WARNING' },
  check({ doc, msg, report }) {
    let last = msg.diff ? msg.diff.startLine - 1 : msg.signature ? msg.signature.line - 1 : msg.endLine;
    if (msg.message.scissorsLine !== null) last = Math.min(last, msg.message.scissorsLine - 1);
    const comments = new Set(msg.message.commentLines);
    for (let l = msg.message.startLine; l <= last; l++) {
      if (comments.has(l)) continue;
      const text = lineText(doc, l);
      if (!text.includes('http')) continue;
      for (const m of text.matchAll(URL)) {
        if (!ARCHIVES.test(m[0])) continue;
        report({
          message: 'Use lore.kernel.org archive links when possible - see https://lore.kernel.org/lists.html',
          range: span(l, m.index!, m.index! + m[0].length),
        });
      }
    }
    return;
  },
};
