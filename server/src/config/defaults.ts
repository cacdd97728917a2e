/**
 * Built-in configuration per profile. The commit-log line limit is checkpatch's 75 for the
 * kernel, 76 for QEMU (its submitting-a-patch guide); git's own guide sets none, so it keeps 75.
 */
import type { Profile, RuleConfig } from '../rules/types';

export const PROFILES: readonly Profile[] = ['kernel', 'qemu', 'git'];

export const DEFAULT_MAX_LINE_LENGTH: Readonly<Record<Profile, number>> = {
  kernel: 75,
  qemu: 76,
  git: 75,
};

export function isProfile(value: unknown): value is Profile {
  return typeof value === 'string' && (PROFILES as readonly string[]).includes(value);
}

/** A fresh configuration with the profile's defaults (not strict, nothing ignored). */
export function defaultConfig(profile: Profile = 'kernel'): RuleConfig {
  return {
    profile,
    ignore: new Set<string>(),
    maxLineLength: DEFAULT_MAX_LINE_LENGTH[profile],
    strict: false,
    severity: {},
    trailerOrder: [],
  };
}
