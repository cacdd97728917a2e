/**
 * The server's settings: VS Code's `patchsmith.*` (initializationOptions and the
 * `patchsmith` configuration section), plus `trusted` and `debounceMs` from initializationOptions.
 * Anything malformed falls back to the default: a typo in settings must not stop the checks.
 *
 * Trust comes from the client alone: `trusted` is read from the top level of the
 * initializationOptions (VS Code sends its workspace trust there), never from a configuration
 * section, which a workspace's own `.vscode/settings.json` can write.
 */
import type { Profile, Severity } from '../rules/types';
import type { ConfigLayer } from '../config/layer';

export interface ServerSettings {
  profile: Profile;
  severity: Record<string, Severity | 'off'>;
  /** null: the profile's. */
  maxLineLength: number | null;
  trailerOrder: string[];
  /** Path of the repository the patches apply to ('' = find it). */
  repository: string;
  historyCap: number;
  /** Workspace trust: untrusted means git never runs. */
  trusted: boolean;
  /** Delay after a change before checking (ms). */
  debounceMs: number;
  /** The repository's checkpatch.pl as a second source (`patchsmith.checkpatch.*`; trusted workspaces only). */
  checkpatch: CheckpatchSettings;
}

export interface CheckpatchSettings {
  enabled: boolean;
  /** Another script than the repository's scripts/checkpatch.pl ('' = the repository's). */
  path: string;
  /** Stop a run after this long (ms). */
  timeoutMs: number;
  /** Run once the text has been still this long (ms). */
  delayMs: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  profile: 'kernel',
  severity: {},
  maxLineLength: null,
  trailerOrder: [],
  repository: '',
  historyCap: 50_000,
  trusted: true,
  debounceMs: 50,
  checkpatch: { enabled: true, path: '', timeoutMs: 30_000, delayMs: 400 },
};

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface ReadSettingsOptions {
  /**
   * The raw object is the client's initializationOptions: its top-level `trusted` is the
   * workspace trust. Anything else (didChangeConfiguration, workspace/configuration answers)
   * never changes `trusted`.
   */
  initialization?: boolean;
}

/**
 * Settings from a raw object: either `{profile, ...}` or `{patchsmith: {profile, ...}}`. Keys that
 * are absent keep `base`'s value.
 */
export function readSettings(raw: unknown, base: ServerSettings, options: ReadSettingsOptions = {}): ServerSettings {
  if (!isRecord(raw)) return base;
  const src = isRecord(raw['patchsmith']) ? { ...raw, ...raw['patchsmith'] } : raw;
  const out: ServerSettings = { ...base, severity: { ...base.severity }, trailerOrder: [...base.trailerOrder], checkpatch: { ...base.checkpatch } };
  const p = src['profile'];
  if (p === 'kernel' || p === 'qemu' || p === 'git') out.profile = p;
  const sev = src['severity'];
  if (isRecord(sev)) {
    out.severity = {};
    for (const [k, v] of Object.entries(sev)) {
      if (typeof v === 'string' && SEVERITIES.has(v)) out.severity[k] = v as Severity | 'off';
    }
  }
  const max = src['maxLineLength'];
  if (max === null) out.maxLineLength = null;
  else if (typeof max === 'number' && Number.isFinite(max) && max >= 20) out.maxLineLength = Math.floor(max);
  const order = src['trailerOrder'];
  if (Array.isArray(order)) out.trailerOrder = order.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  const repo = src['repository'];
  if (typeof repo === 'string') out.repository = repo.trim();
  const cap = src['historyCap'];
  if (typeof cap === 'number' && Number.isFinite(cap) && cap >= 0) out.historyCap = Math.floor(cap);
  const trusted = raw['trusted'];
  if (options.initialization && typeof trusted === 'boolean') out.trusted = trusted;
  const debounce = src['debounceMs'];
  if (typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0) out.debounceMs = debounce;
  const cp = src['checkpatch'];
  if (isRecord(cp)) {
    if (typeof cp['enabled'] === 'boolean') out.checkpatch.enabled = cp['enabled'];
    if (typeof cp['path'] === 'string') out.checkpatch.path = cp['path'].trim();
    const t = cp['timeout'];
    if (typeof t === 'number' && Number.isFinite(t) && t > 0) out.checkpatch.timeoutMs = Math.round(t * 1000);
    const d = cp['delay'];
    if (typeof d === 'number' && Number.isFinite(d) && d >= 0) out.checkpatch.delayMs = Math.round(d);
  }
  return out;
}

/** The editor settings as a configuration layer (below the project's own files). */
export function settingsLayer(s: ServerSettings): ConfigLayer {
  return {
    profile: s.profile,
    severity: s.severity,
    ...(s.maxLineLength !== null ? { maxLineLength: s.maxLineLength } : {}),
    trailerOrder: s.trailerOrder,
  };
}
