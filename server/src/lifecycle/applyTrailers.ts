/**
 * Adding reviewers' trailers to a commit message (pure), in b4's order (`b4 trailers -u`,
 * LoreMessage.fix_trailers): the trailers already there stay, the new ones follow in the order
 * received, nothing twice, and the user's own Signed-off-by moves to the bottom. With b4's
 * `trailer-order` globs, the trailers after the last Signed-off-by and the new ones are sorted
 * by them, as b4 does.
 */
import { parseTrailerBlock } from '../parse/trailers';
import { ArrayLines } from '../model/lines';
import { trailerIdentity, type GivenTrailer } from './replyTrailers';

export interface TrailerUpdate {
  message: string;
  added: GivenTrailer[];
}

function globMatch(glob: string, name: string): boolean {
  const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(name);
}

export function applyTrailers(message: string, incoming: readonly GivenTrailer[], selfEmail: string | null, trailerOrder: readonly string[] = []): TrailerUpdate {
  const text = message.replace(/\n*$/, '');
  const lines = text.split('\n');
  const block = parseTrailerBlock(new ArrayLines(lines), 0, lines.length, { titleInRegion: true });
  const existing: GivenTrailer[] = (block?.trailers ?? []).map((t) => ({ key: t.key, value: t.value }));
  const mySob = (t: GivenTrailer): boolean =>
    selfEmail !== null && t.key.toLowerCase() === 'signed-off-by' && (/<([^>]+)>/.exec(t.value)?.[1] ?? '').toLowerCase() === selfEmail.toLowerCase();
  const hadMySob = existing.find(mySob);
  let kept = existing.filter((t) => !mySob(t));
  const seen = new Set(existing.map(trailerIdentity));
  const added: GivenTrailer[] = [];
  for (const t of incoming) {
    const id = trailerIdentity(t);
    if (seen.has(id) || mySob(t)) continue;
    seen.add(id);
    added.push(t);
  }
  if (added.length === 0) return { message, added };
  const head = block ? lines.slice(0, block.startLine) : [...lines, ''];
  const tail = block ? lines.slice(block.endLine + 1) : [];
  const format = (t: GivenTrailer): string => `${t.key}: ${t.value}`;
  let body: string[];
  if (trailerOrder.length === 0 || !block) {
    // The block as written (notes, folded values), own Signed-off-by lines moved below the new ones.
    const sobLines = new Set<number>();
    for (const t of block?.trailers ?? []) {
      if (!mySob({ key: t.key, value: t.value })) continue;
      for (const l of [t.line, ...t.continuationLines, ...(t.noteLine !== null ? [t.noteLine] : [])]) sobLines.add(l);
    }
    const blockLines = block ? lines.slice(block.startLine, block.endLine + 1).map((l, i) => ({ l, n: block.startLine + i })) : [];
    body = [
      ...blockLines.filter((x) => !sobLines.has(x.n)).map((x) => x.l),
      ...added.map(format),
      ...blockLines.filter((x) => sobLines.has(x.n)).map((x) => x.l),
    ];
  } else {
    // b4: only the trailers within our chain of custody (after the last Signed-off-by) are sorted.
    const lastSob = kept.map((t) => t.key.toLowerCase()).lastIndexOf('signed-off-by');
    let fresh = [...kept.slice(lastSob + 1), ...added];
    kept = kept.slice(0, lastSob + 1);
    const ordered: GivenTrailer[] = [];
    for (const glob of trailerOrder.map((g) => g.trim().toLowerCase())) {
      for (const t of [...fresh]) {
        if (globMatch(glob, t.key.toLowerCase())) {
          ordered.push(t);
          fresh.splice(fresh.indexOf(t), 1);
        }
      }
    }
    fresh = [...ordered, ...fresh];
    body = [...kept, ...fresh, ...(hadMySob ? [hadMySob] : [])].map(format);
  }
  return { message: `${[...head, ...body, ...tail].join('\n')}\n`, added };
}
