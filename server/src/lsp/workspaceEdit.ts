/**
 * WorkspaceEdits over several files: open documents get versioned edits (the client refuses them
 * when the document moved on), closed files unversioned ones (their positions come from the
 * copy on disk). Clients without `documentChanges` get the plain `changes` map.
 */
import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { Workspace } from './workspace';
import { pushAll } from '../model/array';

export class WorkspaceEditBuilder {
  private readonly edits = new Map<string, TextEdit[]>();

  constructor(
    private readonly ws: Workspace,
    private readonly documentChanges: boolean,
  ) {}

  add(uri: string, edits: readonly TextEdit[]): void {
    if (edits.length === 0) return;
    const list = this.edits.get(uri) ?? [];
    pushAll(list, edits);
    this.edits.set(uri, list);
  }

  get size(): number {
    return this.edits.size;
  }

  uris(): string[] {
    return [...this.edits.keys()];
  }

  build(): WorkspaceEdit {
    if (!this.documentChanges) {
      const changes: Record<string, TextEdit[]> = {};
      for (const [uri, edits] of this.edits) changes[uri] = edits;
      return { changes };
    }
    const documentChanges: TextDocumentEdit[] = [];
    for (const [uri, edits] of this.edits) {
      const open = this.ws.open(uri);
      documentChanges.push({ textDocument: { uri, version: open ? open.version : null }, edits });
    }
    return { documentChanges };
  }
}
