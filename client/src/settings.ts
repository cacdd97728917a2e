/** The `patchsmith.*` settings as the server receives them (initializationOptions and didChangeConfiguration). */
import * as vscode from 'vscode';

export const SECTION = 'patchsmith';

export type ProfileSetting = 'kernel' | 'qemu' | 'git';
export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface PatchsmithSettings {
  profile: ProfileSetting;
  /** Rule id -> severity override. */
  severity: Record<string, SeveritySetting>;
  /** Commit log line limit; null: the profile's. */
  maxLineLength: number | null;
  trailerOrder: string[];
  /** Repository path; empty: the workspace folder. */
  repository: string;
  historyCap: number;
  /** The repository's checkpatch.pl as a second source (the server runs it in trusted workspaces only). */
  checkpatch: { enabled: boolean; path: string; timeout: number; delay: number };
}

/** What the client sends as LSP initializationOptions: the settings plus the workspace trust state. */
export interface InitializationOptions extends PatchsmithSettings {
  /** False in an untrusted workspace: the server must not run git there. */
  trusted: boolean;
}

const PROFILES: readonly ProfileSetting[] = ['kernel', 'qemu', 'git'];
const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Reads and sanitises the settings: a wrong value falls back to the default rather than reaching the server. */
export function readSettings(scope?: vscode.ConfigurationScope): PatchsmithSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const profile = c.get<unknown>('profile');
  const severity: Record<string, SeveritySetting> = {};
  const rawSeverity = c.get<unknown>('severity');
  if (rawSeverity && typeof rawSeverity === 'object') {
    for (const [rule, level] of Object.entries(rawSeverity as Record<string, unknown>)) {
      if (typeof level === 'string' && (SEVERITIES as readonly string[]).includes(level)) {
        severity[rule] = level as SeveritySetting;
      }
    }
  }
  const maxLineLength = c.get<unknown>('maxLineLength');
  const trailerOrder = c.get<unknown>('trailerOrder');
  const repository = c.get<unknown>('repository');
  const historyCap = c.get<unknown>('historyCap');
  const cpEnabled = c.get<unknown>('checkpatch.enabled');
  const cpPath = c.get<unknown>('checkpatch.path');
  const cpTimeout = c.get<unknown>('checkpatch.timeout');
  const cpDelay = c.get<unknown>('checkpatch.delay');
  return {
    profile: typeof profile === 'string' && (PROFILES as readonly string[]).includes(profile) ? (profile as ProfileSetting) : 'kernel',
    severity,
    maxLineLength: typeof maxLineLength === 'number' && Number.isInteger(maxLineLength) && maxLineLength > 0 ? maxLineLength : null,
    trailerOrder: Array.isArray(trailerOrder) ? trailerOrder.filter((x): x is string => typeof x === 'string') : [],
    repository: typeof repository === 'string' ? repository : '',
    historyCap: typeof historyCap === 'number' && historyCap >= 0 ? Math.floor(historyCap) : 50000,
    checkpatch: {
      enabled: typeof cpEnabled === 'boolean' ? cpEnabled : true,
      path: typeof cpPath === 'string' ? cpPath : '',
      timeout: typeof cpTimeout === 'number' && cpTimeout > 0 ? cpTimeout : 30,
      delay: typeof cpDelay === 'number' && cpDelay >= 0 ? cpDelay : 400,
    },
  };
}

export function initializationOptions(): InitializationOptions {
  return { ...readSettings(), trusted: vscode.workspace.isTrusted };
}
