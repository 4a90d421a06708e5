/**
 * The benchmark cases: the same model in gntcheck, Promela (SPIN) and Murphi (Rumur),
 * with the sizes the runner writes into the peers' sources. Each peer file's header
 * says which constants the runner replaces (nothing else changes).
 */
export interface BenchCase {
  readonly id: string;
  readonly title: string;
  /** `gntcheck check` arguments selecting the model and sizes. */
  readonly gntcheck: readonly string[];
  /** Promela file under bench/peers and the `#define NAME value` lines to rewrite. */
  readonly promela: { readonly file: string; readonly defines: Readonly<Record<string, string>> };
  /** Murphi file under bench/peers and the `NAME: value;` constants to rewrite. */
  readonly murphi: { readonly file: string; readonly consts: Readonly<Record<string, string>> };
  /** The distinct-state count the three tools must agree on (published or cross-checked). */
  readonly expectedStates: number;
  /** Rumur's stuttering-deadlock check flags TwoPhase's terminal self-loops; the model has no such notion. */
  readonly rumurDeadlock: 'off' | 'stuttering';
  /**
   * The same model at its smallest size: each tool's peak RSS there is its start-up
   * footprint, so (RSS - tiny RSS) / (states - tiny states) is what a state costs it.
   */
  readonly tiny?: BenchCase;
}

export const CASES: readonly BenchCase[] = [
  {
    id: 'two-phase-rm8',
    title: 'two-phase commit, RM=8',
    gntcheck: ['--model', 'two-phase', '--set', 'RM=8'],
    promela: { file: 'two-phase.pml', defines: { RM: '8' } },
    murphi: { file: 'two-phase.m', consts: { RM: '8' } },
    expectedStates: 1_745_408,
    rumurDeadlock: 'off',
    tiny: {
      id: 'two-phase-rm1',
      title: 'two-phase commit, RM=1',
      gntcheck: ['--model', 'two-phase', '--set', 'RM=1'],
      promela: { file: 'two-phase.pml', defines: { RM: '1' } },
      murphi: { file: 'two-phase.m', consts: { RM: '1' } },
      expectedStates: 12,
      rumurDeadlock: 'off',
    },
  },
  {
    id: 'blkif-p3g4r3c2m3',
    title: 'blkif reference, P=3 G=4 R=3 C=2 MAXP=3',
    gntcheck: ['--model', 'blkif', '--set', 'P=3', '--set', 'G=4', '--set', 'R=3', '--set', 'C=2', '--set', 'MAXP=3'],
    promela: { file: 'blkif.pml', defines: { P: '3', G: '4', R: '3', C: '2', MAXP: '3' } },
    murphi: { file: 'blkif.m', consts: { P: '3', G: '4', R: '3', C: '2', MAXP: '3' } },
    expectedStates: 5_208_718,
    rumurDeadlock: 'stuttering',
    tiny: {
      id: 'blkif-p1g1r1c1m1',
      title: 'blkif reference, P=1 G=1 R=1 C=1 MAXP=1',
      gntcheck: ['--model', 'blkif', '--set', 'P=1', '--set', 'G=1', '--set', 'R=1', '--set', 'C=1', '--set', 'MAXP=1'],
      promela: { file: 'blkif.pml', defines: { P: '1', G: '1', R: '1', C: '1', MAXP: '1' } },
      murphi: { file: 'blkif.m', consts: { P: '1', G: '1', R: '1', C: '1', MAXP: '1' } },
      expectedStates: 81,
      rumurDeadlock: 'stuttering',
    },
  },
];
