/**
 * `check` on a formatted series: the CLI's own check command on the files, as JSON, so that
 * what `series format` and `series send` report is exactly what `patchsmith check` reports.
 */
import { checkCommand } from '../cli/checkCommand';

export interface SeriesFinding {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}

export async function checkFiles(files: readonly string[]): Promise<SeriesFinding[]> {
  let out = '';
  let err = '';
  const code = await checkCommand(['--format', 'json', ...files], {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
  });
  if (code === 2) throw new Error(`check failed: ${err.trim()}`);
  const parsed: unknown = JSON.parse(out);
  if (!Array.isArray(parsed)) return [];
  return parsed.map((f: Record<string, unknown>) => ({
    file: String(f['file']),
    line: Number(f['line']),
    column: Number(f['column']),
    severity: String(f['severity']),
    rule: String(f['rule']),
    message: String(f['message']),
  }));
}

export function countErrors(findings: readonly SeriesFinding[]): number {
  return findings.filter((f) => f.severity === 'error').length;
}
