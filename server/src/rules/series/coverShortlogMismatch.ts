/**
 * COVER_SHORTLOG_MISMATCH: the cover letter's shortlog (`Author (count):` groups of titles, as
 * git format-patch --cover-letter and b4 write it) must list exactly the patches' titles, grouped
 * by their effective author (an in-body From: counts), with the right counts, in series order.
 * It goes stale when a patch is retitled, added or dropped without regenerating the cover.
 */
import type { SeriesFinding, SeriesRule } from '../types';
import { normTitle, patchItems } from './util';

export const coverShortlogMismatch: SeriesRule = {
  kind: 'series',
  id: 'COVER_SHORTLOG_MISMATCH',
  severity: 'warning',
  description: "The cover letter's shortlog does not match the patches.",
  doc: [
    'The shortlog in the cover letter lists each author\'s patch titles:',
    '',
    '```',
    'Jane Doe (2):',
    '  net: foo: add bar',
    '  net: foo: use bar in baz',
    '```',
    '',
    'It must match the patches of the series (titles, authors, counts, order). After retitling,',
    'adding or dropping a patch, regenerate the cover letter (`git format-patch --cover-letter`,',
    '`b4 prep --edit-cover`/`b4 send`) or update the shortlog by hand.',
    '',
    'Source: git format-patch --cover-letter; RULES.md F3.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ series, report }) {
    const cover = series.cover;
    const shortlog = cover?.msg.cover?.shortlog ?? [];
    if (!cover || shortlog.length === 0) return;
    const coverIndex = series.items.indexOf(cover);
    const patches = patchItems(series);
    if (patches.length === 0) return;
    const push = (message: string, range: SeriesFinding['range']): void => {
      report({ message, range, item: coverIndex });
    };

    // Expected: author -> titles in series order.
    const expected = new Map<string, string[]>();
    const authorOfTitle = new Map<string, string>();
    for (const p of patches) {
      const author = normTitle(p.item.msg.author?.name ?? '');
      if (author === '') return; // git would print the address; too uncertain to compare
      const title = normTitle(p.subject.summary);
      const list = expected.get(author) ?? [];
      list.push(title);
      expected.set(author, list);
      authorOfTitle.set(title, author);
    }

    const seenAuthors = new Set<string>();
    for (const g of shortlog) {
      const author = normTitle(g.author);
      const titles = expected.get(author);
      if (!titles) {
        const names = [...expected.keys()].join(', ');
        push(`Shortlog names ${author}, who authored none of the patches (authors: ${names})`, g.range);
        continue;
      }
      seenAuthors.add(author);
      if (g.count !== g.entries.length) {
        push(`Shortlog count (${g.count}) for ${author} differs from the ${g.entries.length} titles listed under it`, g.countRange);
      } else if (g.count !== titles.length) {
        push(`Shortlog says ${author} wrote ${g.count} patch${g.count === 1 ? '' : 'es'}; the series has ${titles.length}`, g.countRange);
      }
      const listed: string[] = [];
      for (const e of g.entries) {
        const t = normTitle(e.title);
        if (titles.includes(t)) {
          listed.push(t);
          continue;
        }
        const other = authorOfTitle.get(t);
        push(
          other !== undefined
            ? `"${t}" is listed under ${author} but was written by ${other}`
            : `"${t}" is not the title of any patch of the series (retitled or dropped?)`,
          e.range,
        );
      }
      for (const t of titles) {
        if (!listed.includes(t)) push(`Shortlog lacks ${author}'s patch "${t}"`, g.range);
      }
      // Order: the listed titles must follow series order.
      const order = listed.map((t) => titles.indexOf(t));
      for (let k = 1; k < order.length; k++) {
        if (order[k]! < order[k - 1]!) {
          const e = g.entries.find((x) => normTitle(x.title) === listed[k]);
          push(`"${listed[k]}" is out of order: the shortlog follows the series order`, e ? e.range : g.range);
          break;
        }
      }
    }
    for (const [author, titles] of expected) {
      if (seenAuthors.has(author)) continue;
      push(
        `Shortlog has no group for ${author} (${titles.length} patch${titles.length === 1 ? '' : 'es'})`,
        cover.msg.cover!.shortlogRange ?? shortlog[0]!.range,
      );
    }
    return;
  },
};
