/**
 * `series send`: format, check, then `git send-email` (the user's own `sendemail.*` SMTP
 * configuration) non-interactively, and record the sent version: b4's history (the cover
 * Message-Id), patchsmith's record (every Message-Id, subject and patch-id, base and tip) and b4's
 * `sent/<branch>-vN` tag, which keeps the sent commits for the next version's range-diff.
 */
import { pushAll } from '../model/array';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs/promises';
import { runGit } from '../git/exec';
import { git, gitMaybe, revParse, SeriesError } from './git';
import type { SeriesMeta } from './model';
import { formatSeries, senderIdentity, type FormatResult } from './formatSeries';
import { checkFiles, type SeriesFinding } from './checkSeries';
import { formatAddress, type Recipients } from './recipients';
import { patchIdsOf } from './collectTrailers';
import { saveSeries } from './store';
import { sentTagName } from './reroll';
import { coverParts } from './cover';

export const SEND_TIMEOUT_MS = 300_000;

export interface SendPlan {
  formatted: FormatResult;
  findings: SeriesFinding[];
  toSelf: boolean;
  /** Where the temporary copy for --to-self lives (removed after sending). */
  scratch: string | null;
}

/** Formats (into `outDir`, or a scratch folder for --to-self) and checks. */
export async function prepareSend(cwd: string, meta: SeriesMeta, options: { outDir: string; toSelf: boolean }): Promise<SendPlan> {
  let recipients: Recipients | undefined;
  let scratch: string | null = null;
  let outDir = options.outDir;
  if (options.toSelf) {
    const me = await senderIdentity(cwd);
    if (!me.email) throw new SeriesError('--to-self: no address of yours (set user.email or sendemail.from)');
    recipients = { to: [{ ...me, reason: 'yourself' }], cc: [] };
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'patchsmith-reflect-'));
    outDir = scratch;
  }
  const formatted = await formatSeries(cwd, meta, { outDir, recipients });
  const findings = await checkFiles(formatted.messages.map((m) => m.file));
  return { formatted, findings, toSelf: options.toSelf, scratch };
}

export interface SendOutcome {
  /** git send-email's output. */
  output: string;
  coverMessageId: string;
}

/** Runs git send-email on the plan's files; records the version unless it was --to-self. */
export async function sendPlan(cwd: string, meta: SeriesMeta, plan: SendPlan, extraArgs: readonly string[] = [], now = new Date()): Promise<SendOutcome> {
  const { formatted } = plan;
  if (formatted.recipients.to.length + formatted.recipients.cc.length === 0) {
    throw new SeriesError('nobody to send to: no MAINTAINERS match, no trailers and no To:/Cc: lines in the cover letter');
  }
  const args = [
    'send-email',
    '--confirm=never',
    '--no-annotate',
    '--no-format-patch',
    '--8bit-encoding=UTF-8',
    // The recipients are the To/Cc headers we wrote; nothing is added from the bodies.
    '--suppress-cc=self',
    '--suppress-cc=author',
    '--suppress-cc=sob',
    '--suppress-cc=bodycc',
    '--suppress-cc=misc-by',
    '--suppress-cc=cccmd',
    '--no-cc-cover',
    '--no-to-cover',
  ];
  // With a --to git send-email does not ask for one (it would read an empty answer anyway).
  const firstTo = formatted.recipients.to[0];
  if (firstTo) args.push(`--to=${formatAddress(firstTo)}`);
  if (!(await gitMaybe(cwd, ['config', '--get', 'sendemail.from']))) {
    const me = await senderIdentity(cwd);
    if (me.email) args.push(`--from=${formatAddress(me)}`);
  }
  pushAll(args, extraArgs);
  pushAll(args, formatted.messages.map((m) => m.file));
  try {
    const r = await runGit(cwd, args, { timeoutMs: SEND_TIMEOUT_MS, input: '' });
    if (r.code !== 0) {
      const why = r.error ?? (r.stderr.trim().split('\n').filter(Boolean).slice(-2).join(' ') || `exit status ${r.code}`);
      throw new SeriesError(`git send-email failed: ${why}`);
    }
    const coverMessageId = formatted.messages[0]?.messageId ?? '';
    if (!plan.toSelf) await recordSent(cwd, meta, formatted, now);
    return { output: r.stdout + r.stderr, coverMessageId };
  } finally {
    if (plan.scratch) await fs.rm(plan.scratch, { recursive: true, force: true });
  }
}

/** Records a sent version in the series (b4 history, patchsmith record) and tags it as b4 does. */
export async function recordSent(cwd: string, meta: SeriesMeta, formatted: FormatResult, now = new Date()): Promise<void> {
  const v = `v${meta.revision}`;
  const messages = [];
  for (const m of formatted.messages) {
    const patchId = m.message.kind === 'cover' ? '' : ((await patchIdsOf(cwd, m.text))[0] ?? '');
    messages.push({ messageId: m.messageId, subject: m.subject, patchId });
  }
  const cover = formatted.messages[0]?.messageId ?? '';
  meta.history[v] = [...(meta.history[v] ?? []), cover];
  meta.sent[v] = { date: now.toISOString(), coverMessageId: cover, base: formatted.base, tip: formatted.tip, messages };
  await saveSeries(cwd, meta);
  const tag = sentTagName(meta.branch, meta.revision);
  if (!(await revParse(cwd, `refs/tags/${tag}`))) {
    const text = coverParts(meta.cover).text;
    await git(cwd, ['tag', '-a', '-F', '-', tag, formatted.tip], { input: `${text}\nbase-commit: ${formatted.base}\nchange-id: ${meta.changeId}\n` });
  }
}
