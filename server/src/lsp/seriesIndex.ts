/**
 * Which series a document belongs to: the patch files of its folder (open documents at their
 * current version, the others as read from disk) grouped by `groupSeries`. Grouping is redone
 * only when one of the folder's inputs changed. Items are keyed by document URI.
 */
import * as path from 'node:path';
import type { Series } from '../rules/types';
import { groupSeries, PlanMemory, type SeriesInput } from '../series/group';
import type { ParsedDocument, Workspace } from './workspace';
import { documentTextKind, isPatchFileName, uriToPath } from './uri';

interface FolderGrouping {
  signature: string;
  series: Series[];
  memory: PlanMemory;
}

export class SeriesIndex {
  private readonly byFolder = new Map<string, FolderGrouping>();
  /** Of documents without a folder (untitled): the last grouping's plans, while they are open. */
  private readonly byDocument = new Map<string, PlanMemory>();

  constructor(private readonly ws: Workspace) {}

  /** The inputs of a folder: open patch documents in it, and its patch files from disk. */
  private async folderInputs(dir: string): Promise<{ inputs: SeriesInput[]; signature: string }> {
    const inputs: SeriesInput[] = [];
    const sig: string[] = [];
    const openPaths = new Set<string>();
    for (const d of this.ws.openDocuments()) {
      const p = uriToPath(d.uri);
      if (!p || path.dirname(p) !== dir || documentTextKind(d.uri, d.languageId) !== 'mail') continue;
      openPaths.add(p);
      // A huge document the check worker is reading: its model once read (not parsed here again).
      const parsed = await this.ws.parsedWhole(d.uri);
      if (!parsed) continue;
      inputs.push({ file: d.uri, doc: parsed.doc });
      sig.push(`${d.uri}@${parsed.generation}`);
    }
    const files = await this.ws.files.listDir(dir);
    const reads = await Promise.all(files.filter((f) => !openPaths.has(f)).map((f) => this.ws.files.read(f)));
    for (const f of reads) {
      if (!f) continue;
      // A file opened while we were reading: the open document wins.
      if (this.ws.open(this.ws.uriForPath(f.path))) continue;
      const uri = this.ws.uriForPath(f.path);
      inputs.push({ file: uri, doc: f.doc });
      sig.push(`${uri}#${f.generation}`);
    }
    // Stable input order (by file name) so grouping does not depend on which files are open.
    const order = inputs.map((inp, k) => ({ inp, k, s: sig[k]! })).sort((a, b) => (a.inp.file < b.inp.file ? -1 : a.inp.file > b.inp.file ? 1 : 0));
    return { inputs: order.map((o) => o.inp), signature: order.map((o) => o.s).join('\n') };
  }

  /** Every series of a folder. */
  async folderSeries(dir: string): Promise<Series[]> {
    const { inputs, signature } = await this.folderInputs(dir);
    const cached = this.byFolder.get(dir);
    if (cached && cached.signature === signature) return cached.series;
    const memory = cached?.memory ?? new PlanMemory();
    const series = groupSeries(inputs, memory);
    this.byFolder.set(dir, { signature, series, memory });
    return series;
  }

  /**
   * The series of a model a request got: none for a commit message, nor for a partial model (a
   * huge document being checked: its series are not known yet).
   */
  async seriesAround(parsed: ParsedDocument): Promise<Series[]> {
    return parsed.commit || parsed.partial ? [] : this.seriesOf(parsed.uri);
  }

  /** The series holding messages of this document (an mbox may hold several series). */
  async seriesOf(uri: string): Promise<Series[]> {
    const doc = this.ws.open(uri);
    const p = uriToPath(uri);
    if (doc && documentTextKind(doc.uri, doc.languageId) !== 'mail') return [];
    if (!p) {
      for (const u of this.byDocument.keys()) if (!this.ws.open(u)) this.byDocument.delete(u);
      const parsed = await this.ws.parsedWhole(uri);
      if (!parsed) return [];
      let memory = this.byDocument.get(uri);
      if (!memory) this.byDocument.set(uri, (memory = new PlanMemory()));
      return groupSeries([{ file: uri, doc: parsed.doc }], memory);
    }
    if (!doc && !isPatchFileName(p)) return [];
    const all = await this.folderSeries(path.dirname(p));
    return all.filter((s) => s.items.some((i) => i.file === uri));
  }

  /** URIs of every file of these series. */
  static filesOf(series: readonly Series[]): string[] {
    const out = new Set<string>();
    for (const s of series) for (const i of s.items) out.add(i.file);
    return [...out];
  }
}
