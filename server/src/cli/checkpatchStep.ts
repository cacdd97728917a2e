/**
 * `check`'s checkpatch.pl step (issue 10): after the native rules (and their --fix passes), run the
 * repository's checkpatch.pl on every file's final text, several processes at a time (as many as
 * there are CPUs), and merge its findings into each file's. A script that cannot be used gives one
 * message on stderr per script and cause; the native findings stand.
 *
 * The hook is one call, `withCheckpatch(files, findings, options)`, so it can move onto a shared
 * check pipeline unchanged.
 */
import * as path from 'node:path';
import type { Finding, RuleConfig } from '../rules/types';
import { checkWithCheckpatch, failureMessage } from '../checkpatch/check';
import { discoverCheckpatch, type Discovery } from '../checkpatch/discover';
import { withCheckpatchFindings } from '../check/findings';
import { defaultJobs, mapLimit } from '../checkpatch/pool';
import { DEFAULT_TIMEOUT_MS } from '../checkpatch/run';

export interface CheckpatchFile {
  /** The path as given ('-' for standard input). */
  file: string;
  text: string;
  config: RuleConfig;
  /** Repository root of the file, or null. */
  repoRoot: string | null;
  /** Not a mail checkpatch.pl can read (a cover letter text): the native findings only. */
  skip?: boolean;
}

export interface CheckpatchStepOptions {
  /** --no-checkpatch */
  off: boolean;
  /** --checkpatch PATH */
  option?: string;
  timeoutMs?: number;
  jobs?: number;
  stderr(text: string): void;
}

/** `findings[i]` merged with checkpatch.pl's findings for `files[i]`, in document order. */
export async function withCheckpatch(files: readonly CheckpatchFile[], findings: readonly Finding[][], opts: CheckpatchStepOptions): Promise<Finding[][]> {
  if (opts.off) return findings.map((l) => [...l]);
  const discoveries = new Map<string, Promise<Discovery>>();
  const discover = (root: string | null): Promise<Discovery> => {
    const key = root ?? '';
    let d = discoveries.get(key);
    if (!d) {
      d = discoverCheckpatch({ repoRoot: root, ...(opts.option !== undefined ? { option: opts.option } : {}) });
      discoveries.set(key, d);
    }
    return d;
  };
  const told = new Set<string>();
  const tell = (line: string): void => {
    if (told.has(line)) return;
    told.add(line);
    opts.stderr(`patchsmith: ${line}\n`);
  };
  return mapLimit(files, opts.jobs ?? defaultJobs(), async (f, i) => {
    const native = findings[i] ?? [];
    if (f.skip) return [...native];
    const d = await discover(f.repoRoot);
    if (d.kind === 'missing') {
      tell(`checkpatch.pl named by ${d.origin} not found at ${d.path}; the native rules still ran`);
      return [...native];
    }
    if (d.kind !== 'found') return [...native];
    const r = await checkWithCheckpatch(d.location, f.text, {
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(f.file !== '-' ? { fileName: path.basename(f.file) } : {}),
    });
    if (!r.ok) {
      tell(failureMessage(d.location, r.message));
      return [...native];
    }
    return withCheckpatchFindings(native, r.findings, f.config);
  });
}
