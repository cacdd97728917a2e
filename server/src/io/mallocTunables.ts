/**
 * glibc's allocator settings for the language server's process (read once, when the process
 * starts: the client that spawns the server sets them, see client/src/server.ts).
 *
 * By default glibc keeps memory that was freed: once a large block is freed its threshold for
 * giving blocks straight back to the system grows (up to 32 MB), and freed holes between live
 * blocks stay resident. A huge document makes many such blocks (the 64 KB reads of a 20 MB
 * didOpen, the text sent to the check worker, the diagnostics written to the client): measured on
 * a 20 MB mbox, the allocator held ~90 MB of which ~8 MB was in use, and the server's RSS once idle
 * was ~7x the document instead of ~4x with these settings. Fixed thresholds (blocks of 128 KB or
 * more are mapped and unmapped, free memory above 128 KB at the top is given back) and two arenas
 * keep what is resident near what is in use. Other allocators (musl, macOS, Windows) ignore them.
 */
const TUNABLES = ['glibc.malloc.mmap_threshold=65536', 'glibc.malloc.trim_threshold=131072', 'glibc.malloc.arena_max=2'];

/**
 * `env` with patchsmith's allocator settings added to GLIBC_TUNABLES; a setting the user gave
 * for the same tunable wins (theirs is kept, ours is not added).
 */
export function withMallocTunables(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  const given = (out.GLIBC_TUNABLES ?? '').split(':').filter((t) => t.length > 0);
  const named = new Set(given.map((t) => t.split('=')[0]));
  const added = TUNABLES.filter((t) => !named.has(t.split('=')[0]));
  if (added.length) out.GLIBC_TUNABLES = [...given, ...added].join(':');
  return out;
}
