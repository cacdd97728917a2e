/**
 * The `patchsmith/branchSeries` request: the series engine of `patchsmith series`
 * (server/src/lifecycle) for the editor. Every repository of the workspace folders; nothing in
 * an untrusted workspace.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatSeries } from '../lifecycle/formatSeries';
import { checkFiles } from '../lifecycle/checkSeries';
import { revParse } from '../lifecycle/git';
import { findRepositoryRoot } from '../git/exec';
import { SeriesError } from '../lifecycle/git';
import { currentBranch, listSeriesBranches, loadSeries, requireSeries, saveSeries } from '../lifecycle/store';
import { startSeries } from '../lifecycle/start';
import { commitSummaries } from '../lifecycle/status';
import { formatAddress } from '../lifecycle/recipients';
import { collectTrailers, rewriteMessages } from '../lifecycle/collectTrailers';
import { compareWithPrevious, rerollSeries } from '../lifecycle/reroll';
import { prepareSend, sendPlan, type SendPlan } from '../lifecycle/send';
import { countErrors } from '../lifecycle/checkSeries';
import type { SeriesMeta } from '../lifecycle/model';
import type { BranchSeriesEntry, BranchSeriesFormatted, BranchSeriesParams, BranchSeriesResult } from './protocol';

export interface BranchSeriesDeps {
  trusted(): boolean;
  folders(): readonly string[];
}

async function roots(folders: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const f of folders) {
    const r = await findRepositoryRoot(f);
    if (r) out.add(r);
  }
  return [...out];
}

/** Problems of a series by what they depend on (tip, version, cover, prefixes): checked again only when one changes. */
const problemCache = new Map<string, number>();

async function problemsOf(root: string, meta: SeriesMeta, tip: string): Promise<number> {
  const key = JSON.stringify([root, meta.branch, tip, meta.revision, meta.cover, meta.prefixes, meta.baseBranch]);
  const hit = problemCache.get(key);
  if (hit !== undefined) return hit;
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'patchsmith-view-'));
  try {
    const r = await formatSeries(root, meta, { outDir: scratch });
    const findings = await checkFiles(r.messages.map((m) => m.file));
    const n = findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
    problemCache.set(key, n);
    return n;
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

async function entry(root: string, meta: SeriesMeta, current: string | null): Promise<BranchSeriesEntry> {
  const base: BranchSeriesEntry = { root, branch: meta.branch, version: meta.revision, baseBranch: meta.baseBranch, commits: [], sent: Object.keys(meta.sent), current: meta.branch === current, problems: 0 };
  try {
    base.commits = (await commitSummaries(root, meta)).commits;
    const tip = await revParse(root, `refs/heads/${meta.branch}`);
    if (tip && base.commits.length > 0) base.problems = await problemsOf(root, meta, tip);
  } catch (e) {
    base.error = e instanceof Error ? e.message : String(e);
  }
  return base;
}

async function describe(root: string, meta: SeriesMeta, plan: SendPlan): Promise<BranchSeriesFormatted> {
  const r = plan.formatted;
  const compared = await compareWithPrevious(root, meta, true).catch(() => null);
  return {
    dir: r.dir,
    files: r.messages.map((m) => m.file),
    subjects: r.messages.map((m) => m.subject),
    recipients: [
      ...r.recipients.to.map((x) => ({ header: 'To' as const, address: formatAddress(x), reason: x.reason })),
      ...r.recipients.cc.map((x) => ({ header: 'Cc' as const, address: formatAddress(x), reason: x.reason })),
    ],
    errors: countErrors(plan.findings),
    findings: plan.findings.map((f) => ({ file: f.file, line: f.line, severity: f.severity, rule: f.rule, message: f.message })),
    rangeDiff: compared ? compared.output : null,
  };
}

export async function branchSeries(deps: BranchSeriesDeps, params: BranchSeriesParams): Promise<BranchSeriesResult> {
  if (!deps.trusted()) return { ok: false, message: 'git does not run in an untrusted workspace' };
  try {
    if (params.action === 'list') {
      const series: BranchSeriesEntry[] = [];
      for (const root of await roots(deps.folders())) {
        const current = await currentBranch(root);
        for (const branch of await listSeriesBranches(root)) {
          const meta = await loadSeries(root, branch).catch(() => null);
          if (meta) series.push(await entry(root, meta, current));
        }
      }
      return { ok: true, series };
    }
    const root = await findRepositoryRoot(params.root);
    if (!root) return { ok: false, message: `'${params.root}' is not inside a git work tree` };
    if (params.action === 'start') {
      const meta = await startSeries(root, { branch: params.branch, base: params.base });
      return { ok: true, message: `enrolled '${meta.branch}' as a series (v1, base ${meta.baseBranch})` };
    }
    const meta = await requireSeries(root, params.branch);
    const outDir = path.join(root, 'outgoing');
    switch (params.action) {
      case 'cover':
        return { ok: true, text: meta.cover };
      case 'setCover':
        if (params.text.trim() === '') return { ok: false, message: 'the cover letter is empty; kept the old one' };
        await saveSeries(root, { ...meta, cover: params.text.replace(/\r\n/g, '\n') });
        return { ok: true, message: 'cover letter updated' };
      case 'format': {
        const plan = await prepareSend(root, meta, { outDir, toSelf: false });
        return { ok: true, formatted: await describe(root, meta, plan) };
      }
      case 'send': {
        const plan = await prepareSend(root, meta, { outDir, toSelf: params.toSelf === true });
        const formatted = await describe(root, meta, plan);
        if (formatted.errors > 0 && !params.force) return { ok: false, message: `not sent: check found ${formatted.errors} error(s)` };
        const outcome = await sendPlan(root, meta, plan);
        return { ok: true, formatted, message: `sent ${formatted.files.length} messages (cover <${outcome.coverMessageId}>)` };
      }
      case 'reroll': {
        const next = await rerollSeries(root, meta);
        return { ok: true, message: `now v${next.revision}` };
      }
      case 'trailers': {
        const c = await collectTrailers(root, meta, params.from);
        const lines = c.updates.flatMap((u) => [`${u.sha.slice(0, 12)} ${u.subject}`, ...u.added.map((t) => `  + ${t.key}: ${t.value}`)]);
        if (c.updates.length === 0) return { ok: true, message: 'no new trailers', text: '' };
        if (params.dryRun) return { ok: true, text: lines.join('\n'), message: `${c.updates.length} commit(s) would change` };
        const backup = await rewriteMessages(root, meta, c.updates);
        return { ok: true, text: lines.join('\n'), message: `updated ${c.updates.length} commit(s); old branch at ${backup}` };
      }
    }
  } catch (e) {
    if (e instanceof SeriesError) return { ok: false, message: e.message };
    return { ok: false, message: `internal error: ${e instanceof Error ? e.message : String(e)}` };
  }
}
