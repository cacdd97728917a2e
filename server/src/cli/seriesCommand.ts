/**
 * `patchsmith series start|status|cover|format|trailers|reroll|send`: a branch to a series on
 * the mailing list, as b4 prep / b4 trailers -u / b4 send do it, on the same storage as b4
 * (server/src/lifecycle/store.ts). Exit status: 0 done, 1 check errors (format, status) or a
 * refused send, 2 bad usage or a failure (one line on stderr).
 */
import * as path from 'node:path';
import * as readline from 'node:readline/promises';
import { flag, parseArgs, single, UsageError } from './args';
import type { CliIo } from './io';
import { findRepositoryRoot } from '../git/exec';
import { SeriesError } from '../lifecycle/git';
import { currentBranch, requireSeries, saveSeries } from '../lifecycle/store';
import { startSeries } from '../lifecycle/start';
import { commitSummaries } from '../lifecycle/status';
import { formatSeries, type FormatResult } from '../lifecycle/formatSeries';
import { checkFiles, countErrors, type SeriesFinding } from '../lifecycle/checkSeries';
import { editText } from '../lifecycle/coverEdit';
import { collectTrailers, rewriteMessages } from '../lifecycle/collectTrailers';
import { compareWithPrevious, rerollSeries } from '../lifecycle/reroll';
import { prepareSend, sendPlan } from '../lifecycle/send';
import { formatAddress, type Recipients } from '../lifecycle/recipients';
import type { SeriesMeta } from '../lifecycle/model';
import * as os from 'node:os';
import * as fs from 'node:fs/promises';

export const SERIES_VERBS = ['start', 'status', 'cover', 'format', 'trailers', 'reroll', 'send'];

/** Prompting on a terminal; tests and the language server pass their own. */
export interface SeriesIo extends CliIo {
  isTty?: boolean;
  confirm?(question: string): Promise<boolean>;
}

async function ttyConfirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function recipientLines(r: Recipients): string {
  const lines: string[] = [];
  for (const x of r.to) lines.push(`  To: ${formatAddress(x)}  (${x.reason})`);
  for (const x of r.cc) lines.push(`  Cc: ${formatAddress(x)}  (${x.reason})`);
  return lines.length ? `${lines.join('\n')}\n` : '  (nobody)\n';
}

function findingLines(findings: readonly SeriesFinding[], root: string): string {
  return findings.map((f) => `${path.relative(root, f.file) || f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.rule}]\n`).join('');
}

function summary(findings: readonly SeriesFinding[]): string {
  const errors = countErrors(findings);
  return `check: ${plural(errors, 'error')}, ${plural(findings.length - errors, 'other finding')}\n`;
}

async function context(args: ReturnType<typeof parseArgs>): Promise<{ cwd: string; root: string }> {
  const dir = path.resolve(single(args, 'repo') ?? process.cwd());
  const root = await findRepositoryRoot(dir);
  if (!root) throw new UsageError(`'${dir}' is not inside a git work tree`);
  return { cwd: dir, root };
}

async function seriesOf(cwd: string, args: ReturnType<typeof parseArgs>): Promise<SeriesMeta> {
  const branch = single(args, 'branch') ?? (await currentBranch(cwd));
  if (!branch) throw new SeriesError('HEAD is detached; give --branch NAME');
  return requireSeries(cwd, branch);
}

function outDirOf(args: ReturnType<typeof parseArgs>, root: string): string {
  const o = single(args, 'output');
  return o ? path.resolve(o) : path.join(root, 'outgoing');
}

function printFormatted(io: CliIo, r: FormatResult, root: string): void {
  io.stdout(`${plural(r.messages.length, 'message')} in ${path.relative(root, r.dir) || r.dir}/:\n`);
  for (const m of r.messages) io.stdout(`  ${path.basename(m.file)}  ${m.subject}\n`);
  io.stdout(`recipients:\n${recipientLines(r.recipients)}`);
}

const COMMON = { repo: { value: true }, branch: { value: true } } as const;

export async function seriesCommand(argv: readonly string[], io: SeriesIo): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined || !SERIES_VERBS.includes(verb)) {
    throw new UsageError(`'series' needs one of ${SERIES_VERBS.join(', ')}${verb ? `, not '${verb}'` : ''} (see 'patchsmith --help')`);
  }
  try {
    switch (verb) {
      case 'start': {
        const args = parseArgs('series start', rest, { ...COMMON, base: { value: true }, prefix: { value: true, multiple: true } });
        const { cwd } = await context(args);
        const meta = await startSeries(cwd, { branch: single(args, 'branch'), base: single(args, 'base'), prefixes: args.options.get('prefix') });
        io.stdout(`enrolled '${meta.branch}' as a series: v1, base ${meta.baseBranch}, change-id ${meta.changeId}\n`);
        io.stdout(`edit the cover letter with 'patchsmith series cover --edit'\n`);
        return 0;
      }
      case 'status': {
        const args = parseArgs('series status', rest, COMMON);
        const { cwd } = await context(args);
        const meta = await seriesOf(cwd, args);
        const { base, commits } = await commitSummaries(cwd, meta);
        io.stdout(`series ${meta.branch}: v${meta.revision}${meta.prefixes.length ? ` [${meta.prefixes.join(' ')}]` : ''}, base ${meta.baseBranch} (${base.slice(0, 12)}), change-id ${meta.changeId}\n`);
        for (const [v, s] of Object.entries(meta.sent)) io.stdout(`sent ${v}: ${s.date} <${s.coverMessageId}>\n`);
        io.stdout(`${plural(commits.length, 'commit')} (A/R/T: Acked-by, Reviewed-by, Tested-by):\n`);
        commits.forEach((c, i) => io.stdout(`  ${i + 1}. ${c.sha.slice(0, 12)} ${c.subject}  A${c.acked} R${c.reviewed} T${c.tested}\n`));
        if (commits.length === 0) return 0;
        const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'patchsmith-status-'));
        try {
          const r = await formatSeries(cwd, meta, { outDir: scratch });
          io.stdout(`recipients:\n${recipientLines(r.recipients)}`);
          const findings = await checkFiles(r.messages.map((m) => m.file));
          io.stdout(findingLines(findings, r.dir));
          io.stdout(summary(findings));
          const compared = await compareWithPrevious(cwd, meta);
          if (compared) io.stdout(`since v${meta.revision - 1}:\n${compared.output}`);
          return countErrors(findings) > 0 ? 1 : 0;
        } finally {
          await fs.rm(scratch, { recursive: true, force: true });
        }
      }
      case 'cover': {
        const args = parseArgs('series cover', rest, { ...COMMON, edit: {} });
        const { cwd } = await context(args);
        const meta = await seriesOf(cwd, args);
        if (!flag(args, 'edit')) {
          io.stdout(meta.cover.replace(/\n*$/, '\n'));
          return 0;
        }
        const edited = (await editText(cwd, meta.cover, meta.branch)).replace(/\r\n/g, '\n');
        if (edited.trim() === '') {
          io.stderr('patchsmith: the new cover letter is empty; kept the old one\n');
          return 0;
        }
        if (edited.trim() === meta.cover.trim()) {
          io.stderr('cover letter unchanged\n');
          return 0;
        }
        await saveSeries(cwd, { ...meta, cover: edited });
        io.stderr('cover letter updated\n');
        return 0;
      }
      case 'format': {
        const args = parseArgs('series format', rest, { ...COMMON, output: { value: true, short: 'o' } });
        const { cwd, root } = await context(args);
        const meta = await seriesOf(cwd, args);
        const r = await formatSeries(cwd, meta, { outDir: outDirOf(args, root) });
        printFormatted(io, r, root);
        const findings = await checkFiles(r.messages.map((m) => m.file));
        io.stdout(findingLines(findings, root));
        io.stdout(summary(findings));
        return countErrors(findings) > 0 ? 1 : 0;
      }
      case 'trailers': {
        const args = parseArgs('series trailers', rest, { ...COMMON, from: { value: true, short: 'F' }, 'dry-run': {}, sloppy: { short: 'S' } });
        const from = single(args, 'from');
        if (!from) throw new UsageError("'series trailers' needs --from MBOX|MAILDIR (the replies, as b4 mbox or a mail client saves them)");
        const { cwd } = await context(args);
        const meta = await seriesOf(cwd, args);
        const c = await collectTrailers(cwd, meta, path.resolve(from), flag(args, 'sloppy'));
        for (const r of c.replies) {
          const who = r.mail.from || r.mail.source;
          for (const t of r.mismatched) io.stdout(`ignored: ${t.key}: ${t.value} (sent by ${who}, not that person; --sloppy takes it, as b4 -S)\n`);
          if (r.how === 'other-version') io.stdout(`skipped: a reply to v${r.version} from ${who} (this is v${c.version})\n`);
          else if (r.how === 'unmatched') io.stdout(`skipped: no patch found for "${r.mail.subject}" from ${who}\n`);
        }
        if (c.updates.length === 0) {
          io.stdout('no new trailers\n');
          return 0;
        }
        for (const u of c.updates) {
          io.stdout(`${u.sha.slice(0, 12)} ${u.subject}\n`);
          for (const t of u.added) io.stdout(`  + ${t.key}: ${t.value}\n`);
        }
        if (flag(args, 'dry-run')) {
          io.stdout(`dry run: ${plural(c.updates.length, 'commit')} would change\n`);
          return 0;
        }
        const backup = await rewriteMessages(cwd, meta, c.updates);
        io.stdout(`updated ${plural(c.updates.length, 'commit')}; the old branch is kept as ${backup}\n`);
        return 0;
      }
      case 'reroll': {
        const args = parseArgs('series reroll', rest, COMMON);
        const { cwd } = await context(args);
        const meta = await seriesOf(cwd, args);
        if (!meta.sent[`v${meta.revision}`] && !(meta.history[`v${meta.revision}`]?.length)) {
          io.stderr(`patchsmith: note: v${meta.revision} was never sent; its link will be an EDITME\n`);
        }
        const next = await rerollSeries(cwd, meta);
        io.stdout(`now v${next.revision}; the cover letter has a "Changes in v${next.revision}:" section to complete ('patchsmith series cover --edit')\n`);
        return 0;
      }
      case 'send': {
        const args = parseArgs('series send', rest, {
          ...COMMON,
          output: { value: true, short: 'o' },
          'dry-run': {},
          'to-self': {},
          yes: {},
          force: {},
        });
        if (args.positionals.length > 0 && !rest.includes('--')) throw new UsageError(`unexpected '${args.positionals[0]}': git send-email options go after --`);
        const { cwd, root } = await context(args);
        const meta = await seriesOf(cwd, args);
        const plan = await prepareSend(cwd, meta, { outDir: outDirOf(args, root), toSelf: flag(args, 'to-self') });
        const r = plan.formatted;
        printFormatted(io, r, root);
        io.stdout(findingLines(plan.findings, root));
        io.stdout(summary(plan.findings));
        const errors = countErrors(plan.findings);
        if (errors > 0 && !flag(args, 'force')) {
          io.stderr(`patchsmith: not sending: check found ${plural(errors, 'error')} (fix them, or --force)\n`);
          return 1;
        }
        if (flag(args, 'dry-run')) {
          for (const m of r.messages) io.stdout(`\n${m.text}`);
          io.stdout(`\ndry run: would send ${plural(r.messages.length, 'message')}\n`);
          return 0;
        }
        if (!flag(args, 'yes')) {
          const isTty = io.isTty ?? (process.stdin.isTTY === true && process.stderr.isTTY === true);
          if (!isTty) {
            io.stderr('patchsmith: not sending without confirmation: not a terminal (use --yes)\n');
            return 1;
          }
          const ok = await (io.confirm ?? ttyConfirm)(`Send ${plural(r.messages.length, 'message')} to ${plural(r.recipients.to.length + r.recipients.cc.length, 'recipient')}?`);
          if (!ok) {
            io.stderr('not sent\n');
            return 1;
          }
        }
        const outcome = await sendPlan(cwd, meta, plan, args.positionals);
        io.stdout(`sent ${plural(r.messages.length, 'message')}${plan.toSelf ? ' to yourself' : `; v${meta.revision} recorded (cover <${outcome.coverMessageId}>); 'patchsmith series reroll' starts v${meta.revision + 1}`}\n`);
        return 0;
      }
    }
    return 2;
  } catch (e) {
    if (e instanceof SeriesError) {
      io.stderr(`patchsmith: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
