/**
 * Document symbols (the outline): per message its headers, commit message (with its trailers),
 * notes, diffstat, and each file of the diff with its hunks as children. A file holding one
 * message shows those directly; an mbox shows one symbol per message (a huge one, whose messages
 * are parsed when read, one symbol per message without children).
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import type { PatchDocument, PatchMessage, Range } from '../model/types';
import { linesRange } from '../model/range';
import { messageOutlines } from '../model/lazyMessages';

function sym(name: string, kind: SymbolKind, range: Range, detail?: string, children?: DocumentSymbol[], selection?: Range): DocumentSymbol {
  return {
    name: name.trim() === '' ? '(empty)' : name,
    kind,
    range,
    selectionRange: selection ?? { start: range.start, end: range.start },
    ...(detail ? { detail } : {}),
    ...(children && children.length ? { children } : {}),
  };
}

function messageSymbols(doc: PatchDocument, msg: PatchMessage): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const lines = doc.lines;
  if (msg.headers.length > 0 && msg.headerEndLine !== null) {
    const first = msg.headers[0]!.range.start.line;
    out.push(
      sym(
        'Headers',
        SymbolKind.Namespace,
        linesRange(lines, first, msg.headerEndLine),
        `${msg.headers.length} headers`,
        msg.headers.map((h) => sym(h.name, SymbolKind.Field, h.range, h.value, undefined, h.nameRange)),
      ),
    );
  }
  const m = msg.message;
  if (m.endLine >= m.startLine) {
    const trailers = m.trailerBlock?.trailers ?? [];
    const children = trailers.length
      ? [
          sym(
            'Trailers',
            SymbolKind.Array,
            m.trailerBlock!.range,
            `${trailers.length} trailers`,
            trailers.map((t) => sym(t.key, SymbolKind.Property, t.range, t.value, undefined, t.keyRange)),
          ),
        ]
      : [];
    out.push(sym(msg.kind === 'cover' ? 'Cover letter' : 'Commit message', SymbolKind.String, m.range, m.title, children));
  }
  const notes = msg.notes;
  if (notes) {
    const start = notes.separatorLine ?? notes.startLine;
    if (notes.endLine >= start) out.push(sym('Notes', SymbolKind.Namespace, linesRange(lines, start, notes.endLine), 'below ---, not committed'));
  }
  const ds = msg.diffstat;
  if (ds) {
    const detail = ds.filesChanged !== null ? `${ds.filesChanged} files, +${ds.insertions ?? 0} -${ds.deletions ?? 0}` : `${ds.files.length} files`;
    out.push(sym('Diffstat', SymbolKind.Object, linesRange(lines, ds.startLine, ds.endLine), detail));
  }
  for (const f of msg.diff?.files ?? []) {
    const name = f.isDeleted ? f.from : f.to;
    const hunks = f.hunks.map((h) =>
      sym(h.header, SymbolKind.Function, linesRange(lines, h.headerLine, h.endLine), `-${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines}`),
    );
    const what = f.isNew ? 'new, ' : f.isDeleted ? 'deleted, ' : f.isRename ? `renamed from ${f.from}, ` : '';
    out.push(sym(name, SymbolKind.File, f.range, `${what}+${f.added} -${f.deleted}`, hunks, f.headerRange));
  }
  return out;
}

export function documentSymbols(doc: PatchDocument): DocumentSymbol[] {
  if (doc.messages.length === 1) return messageSymbols(doc, doc.messages[0]!);
  // A huge mbox (messages parsed when read): its messages, from their outline, without their parts.
  const outline = messageOutlines(doc.messages);
  if (outline) return outline.map((o) => sym(o.name || 'Message', SymbolKind.Module, o.range, o.summary.kind));
  return doc.messages.map((msg) => {
    const title = msg.subject?.raw ?? msg.message.title;
    return sym(title || 'Message', SymbolKind.Module, msg.range, msg.kind, messageSymbols(doc, msg));
  });
}
