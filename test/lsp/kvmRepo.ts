/**
 * The temporary git repository the language-server tests work in: a small KVM-like history
 * (people with different commit counts, person trailers), a MAINTAINERS file, and the v2 series
 * of test/fixtures/lsp/series/ copied into patches/.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { commit, isolateGitConfig, makeRepo } from '../helpers/gitRepo';
import { FIXTURES } from './lspClient';

export interface KvmRepo {
  dir: string;
  patches: string;
  /** sha of "KVM: x86: Fix the frobnicator". */
  fixSha: string;
  cover: string;
  patch1: string;
  patch2: string;
}

const ALICE = { name: 'Alice Frequent', email: 'alice@example.org' };
const CAROL = { name: 'Carol Rare', email: 'carol@example.org' };

export async function makeKvmRepo(): Promise<KvmRepo> {
  isolateGitConfig();
  const dir = await makeRepo({ prefix: 'patchsmith-lsp-' });
  const maintainers = path.join(FIXTURES, 'series', 'MAINTAINERS');
  await commit(dir, {
    message: 'KVM: x86: Add the frobnicator\n\nSigned-off-by: Alice Frequent <alice@example.org>\n',
    files: { 'arch/x86/kvm/x86.c': 'int frob;\nint spare;\nint other;\n', MAINTAINERS: readFileSync(maintainers, 'utf8') },
    author: ALICE,
  });
  const fixSha = await commit(dir, {
    message: 'KVM: x86: Fix the frobnicator\n\nIt frobbed twice.\n\nReviewed-by: Bob Sometimes <bob@example.org>\nSigned-off-by: Alice Frequent <alice@example.org>\n',
    files: { 'arch/x86/kvm/x86.c': 'int frob;\nint spare;\nint other; /* once */\n' },
    author: ALICE,
  });
  await commit(dir, {
    message: 'KVM: x86: Count frobs\n\nSigned-off-by: Alice Frequent <alice@example.org>\n',
    files: { 'arch/x86/kvm/x86.c': 'int frob;\nint spare;\nint other;\n' },
    author: ALICE,
  });
  await commit(dir, {
    message: 'net: Tidy up the core\n\nSigned-off-by: Carol Rare <carol@example.org>\n',
    files: { 'net/core.c': 'int core;\n' },
    author: CAROL,
  });
  const patches = path.join(dir, 'patches');
  mkdirSync(patches);
  for (const name of readdirSync(path.join(FIXTURES, 'series'))) {
    if (name.endsWith('.patch')) copyFileSync(path.join(FIXTURES, 'series', name), path.join(patches, name));
  }
  return {
    dir,
    patches,
    fixSha,
    cover: path.join(patches, '0000-cover-letter.patch'),
    patch1: path.join(patches, '0001-KVM-x86-Drop-the-spare-frob-counter.patch'),
    patch2: path.join(patches, '0002-KVM-x86-Document-the-frobnicator-lock.patch'),
  };
}

