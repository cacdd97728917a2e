/**
 * History index figures: a 100,000-commit repository made with `git fast-import` in a temp dir
 * (authors from a pool of 2,000 people, trailers in every message), read by the HistoryIndex,
 * then completion-style queries (rankPeople with a typed prefix). Numbers, not assertions.
 *
 *   indexMs  - from index() to done (the whole streamed read)
 *   rssMb    - process resident memory once the index is complete (after a GC when --expose-gc)
 *   queryMs  - mean time of one rankPeople(prefix, 20) call
 */
import { HistoryIndex } from '../server/src/git/historyIndex';
import { fastImport, makeRepo, removeRepo, type FastImportCommit, type PersonSpec } from '../test/helpers/gitRepo';

const COMMITS = 100_000;
const PEOPLE = 2_000;

const FIRST = [
  'Ada', 'Alan', 'Alice', 'Andrea', 'Anna', 'Arnd', 'Ben', 'Bjorn', 'Boris', 'Carlos', 'Chao', 'Chris',
  'Dan', 'David', 'Dmitry', 'Elena', 'Eric', 'Fabio', 'Fatima', 'Greg', 'Hans', 'Igor', 'Ingo', 'Jakub',
  'Jan', 'Jens', 'Jiri', 'Joao', 'José', 'Julia', 'Kai', 'Karen', 'Kees', 'Lena', 'Li', 'Linus', 'Lukas',
  'Marc', 'Maria', 'Mark', 'Mateusz', 'Mika', 'Nadia', 'Neil', 'Olga', 'Paolo', 'Peter', 'Rafael',
  'Rob', 'Sean', 'Sergey', 'Shuah', 'Sofia', 'Stefan', 'Takashi', 'Thomas', 'Uwe', 'Vlastimil', 'Wei', 'Yuki',
];
const LAST = [
  'Anders', 'Bauer', 'Chen', 'Dubois', 'Eriksson', 'Fischer', 'García', 'Hansen', 'Ito', 'Jansen',
  'Kowalski', 'Larsen', 'Müller', 'Nakamura', 'Novak', 'Olsen', 'Petrov', 'Quinn', 'Rossi', 'Schmidt',
  'Silva', 'Tanaka', 'Usman', 'Varga', 'Wang', 'Weber', 'Xu', 'Yamada', 'Zhang', 'Zimmermann',
  'Becker', 'Costa', 'Dahl', 'Engel', 'Ferrari', 'Gomez', 'Horvat', 'Ivanov', 'Jovanovic', 'Kim',
];
const SUBSYSTEMS = ['net: stmmac', 'KVM: x86', 'drm/i915', 'mm', 'fs/ext4', 'ASoC: SOF', 'arm64: dts', 'bpf', 'x86/mm', 'usb: xhci'];

function pool(): PersonSpec[] {
  const people: PersonSpec[] = [];
  for (let i = 0; people.length < PEOPLE; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    people.push({ name: `${first} ${last}`, email: `${ascii(first)}.${ascii(last)}${i >= FIRST.length * LAST.length ? i : ''}@example${i % 7}.org` });
  }
  return people;
}

/** A deterministic pseudo-random sequence (no Math.random: same repository every run). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function* history(people: PersonSpec[]): Generator<FastImportCommit> {
  const rnd = lcg(42);
  // Skewed: a few people do most of the work, as in real projects.
  const pick = () => people[Math.floor(people.length * rnd() ** 3)]!;
  const committers = people.slice(0, 40);
  const start = 1_400_000_000;
  for (let i = 0; i < COMMITS; i++) {
    const author = pick();
    const reviewer = pick();
    const subsystem = SUBSYSTEMS[i % SUBSYSTEMS.length]!;
    const committer = committers[i % committers.length]!;
    let message = `${subsystem}: Fix the handling of case ${i} in the frobnicator\n\n`;
    message += `The frobnicator mishandled case ${i} when the widget was busy. Handle it\nlike the other cases.\n\n`;
    if (i % 10 === 0) message += `Fixes: ${(i * 2654435761 >>> 0).toString(16).padStart(12, '0')} ("${subsystem}: Add case ${i}")\n`;
    if (i % 3 === 0) message += `Reported-by: ${pick().name} <${pick().email}>\n`;
    if (i % 4 === 0) message += `Cc: stable@vger.kernel.org\n`;
    message += `Reviewed-by: ${reviewer.name} <${reviewer.email}>\n`;
    if (i % 5 === 0) message += `Acked-by: ${committer.name} <${committer.email}>\n`;
    message += `Signed-off-by: ${author.name} <${author.email}>\n`;
    message += `Link: https://lore.kernel.org/r/${i}@example.org\n`;
    message += `Signed-off-by: ${committer.name} <${committer.email}>\n`;
    yield { message, author, committer, date: start + i * 3000, tz: i % 2 ? '+0100' : '-0700' };
  }
}

export async function benchHistory(): Promise<{ commits: number; indexMs: number; rssMb: number; queryMs: number }> {
  const people = pool();
  const dir = await makeRepo({ prefix: 'patchsmith-bench-history-' });
  try {
    await fastImport(dir, history(people));
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();

    const index = new HistoryIndex(dir, { cap: COMMITS });
    const t0 = performance.now();
    const snapshot = await index.index();
    await snapshot.done;
    const indexMs = performance.now() - t0;
    if (snapshot.error) throw new Error(`history index failed: ${snapshot.error}`);
    gc?.();
    const rssMb = process.memoryUsage().rss / (1024 * 1024);

    // What a user types after `Reviewed-by: `: one to three letters of a name or address.
    const queries: string[] = [];
    for (let i = 0; i < 300; i++) {
      const p = people[(i * 37) % people.length]!;
      const source = i % 3 === 2 ? p.email : p.name.split(' ')[i % 2]!;
      queries.push(source.slice(0, 1 + (i % 3)));
    }
    snapshot.rankPeople(queries[0], 20); // warm up
    const t1 = performance.now();
    for (const q of queries) snapshot.rankPeople(q, 20);
    const queryMs = (performance.now() - t1) / queries.length;

    index.dispose();
    return { commits: snapshot.progress, indexMs, rssMb, queryMs };
  } finally {
    await removeRepo(dir);
  }
}

if (require.main === module) {
  benchHistory().then(
    (figures) => console.log(figures),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
