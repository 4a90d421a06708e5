/**
 * Two-phase commit, after Lamport's TLA+ specification `TwoPhase` (from Gray and
 * Lamport, "Consensus on Transaction Commit", 2004): a transaction manager and `RM`
 * resource managers; messages are a set (never lost, never removed).
 *
 * Distinct states match the numbers TLC and stateright publish: 288 for RM=3,
 * 8,832 for RM=5, 296,448 for RM=7, 1,745,408 for RM=8.
 */
import { family, layoutModel } from '../../src/model/layoutModel.js';
import type { ModelDefinition } from '../../src/model/definition.js';
import { always, sometimes } from '../../src/model/property.js';
import { intParam } from '../../src/model/params.js';
import { lowBits } from '../../src/util/bits.js';
import { compileLayout } from '../../src/layout/compile.js';
import { array, bool, defineEnum, record, type ViewOf } from '../../src/layout/shape.js';

export const RmState = defineEnum(['working', 'prepared', 'committed', 'aborted']);
export const TmState = defineEnum(['init', 'committed', 'aborted']);

function shapeFor(rm: number) {
  return record({
    rmState: array(rm, RmState.shape),
    tmState: TmState.shape,
    tmPrepared: array(rm, bool()),
    /** msgs: the Prepared message of each RM, the Commit and the Abort message. */
    msgPrepared: array(rm, bool()),
    msgCommit: bool(),
    msgAbort: bool(),
  });
}
export type TwoPhaseState = ViewOf<ReturnType<typeof shapeFor>>;

export function twoPhaseModel(rm: number) {
  type V = TwoPhaseState;
  const layout = compileLayout(shapeFor(rm));
  /** Every resource manager, as a bit set. */
  const all = lowBits(rm);
  const commands = [
    ...family<V, 'rm'>(
      'TMRcvPrepared',
      { rm },
      (v, { rm: r }) => v.tmState === TmState.init && v.msgPrepared.get(r),
      (v, { rm: r }) => v.tmPrepared.set(r, true),
    ),
    ...family<V, never>(
      'TMCommit',
      {},
      (v) => v.tmState === TmState.init && v.tmPrepared.bits() === all,
      (v) => {
        v.tmState = TmState.committed;
        v.msgCommit = true;
      },
    ),
    ...family<V, never>(
      'TMAbort',
      {},
      (v) => v.tmState === TmState.init,
      (v) => {
        v.tmState = TmState.aborted;
        v.msgAbort = true;
      },
    ),
    ...family<V, 'rm'>(
      'RMPrepare',
      { rm },
      (v, { rm: r }) => v.rmState.get(r) === RmState.working,
      (v, { rm: r }) => {
        v.rmState.set(r, RmState.prepared);
        v.msgPrepared.set(r, true);
      },
    ),
    ...family<V, 'rm'>(
      'RMChooseToAbort',
      { rm },
      (v, { rm: r }) => v.rmState.get(r) === RmState.working,
      (v, { rm: r }) => v.rmState.set(r, RmState.aborted),
    ),
    ...family<V, 'rm'>(
      'RMRcvCommitMsg',
      { rm },
      (v) => v.msgCommit,
      (v, { rm: r }) => v.rmState.set(r, RmState.committed),
    ),
    ...family<V, 'rm'>(
      'RMRcvAbortMsg',
      { rm },
      (v) => v.msgAbort,
      (v, { rm: r }) => v.rmState.set(r, RmState.aborted),
    ),
  ];
  // RM <= 14, so every per-RM array is a bit set of at most 14 bits.
  const whoIs = (v: V, st: number): number => v.rmState.maskOf(st);
  return layoutModel<V, (typeof commands)[number]['action']>({
    name: `two-phase RM=${rm}`,
    layout,
    inits: [() => {}],
    commands,
    properties: [
      always<V>(
        'consistent',
        (v) => whoIs(v, RmState.committed) === 0 || whoIs(v, RmState.aborted) === 0,
        'TCConsistent: no resource manager has committed while another has aborted',
      ),
      sometimes<V>('allCommitted', (v) => whoIs(v, RmState.committed) === all, 'every resource manager commits'),
      sometimes<V>('allAborted', (v) => whoIs(v, RmState.aborted) === all, 'every resource manager aborts'),
    ],
    actorOf: (a) => (a.type.startsWith('TM') ? 'tm' : `rm${String(a['rm'])}`),
    canonicalize: (v) => sortResourceManagers(v, rm),
  });
}

/**
 * Symmetry: resource managers are interchangeable, so sort their (rmState, tmPrepared,
 * msgPrepared) triples. Insertion sort: `rm` is small and the view is rewritten in place.
 */
function sortResourceManagers(v: TwoPhaseState, rm: number): void {
  const key = (r: number): number =>
    v.rmState.get(r) * 4 + (v.tmPrepared.get(r) ? 2 : 0) + (v.msgPrepared.get(r) ? 1 : 0);
  for (let i = 1; i < rm; i++) {
    const k = key(i);
    let j = i - 1;
    while (j >= 0 && key(j) > k) j--;
    if (j === i - 1) continue;
    const st = v.rmState.get(i);
    const tp = v.tmPrepared.get(i);
    const mp = v.msgPrepared.get(i);
    for (let m = i; m > j + 1; m--) {
      v.rmState.set(m, v.rmState.get(m - 1));
      v.tmPrepared.set(m, v.tmPrepared.get(m - 1));
      v.msgPrepared.set(m, v.msgPrepared.get(m - 1));
    }
    v.rmState.set(j + 1, st);
    v.tmPrepared.set(j + 1, tp);
    v.msgPrepared.set(j + 1, mp);
  }
}

export const twoPhase: ModelDefinition = {
  id: 'two-phase',
  title: 'Two-phase commit (TLA+ TwoPhase)',
  source: 'Gray and Lamport, Consensus on Transaction Commit (2004); Lamport, TwoPhase.tla',
  params: { RM: intParam(3, 1, 14, 'number of resource managers') },
  variants: {},
  build: (params) => twoPhaseModel(params['RM'] as number),
};
