import type { Action } from '../model/action.js';
import type { Command, GuardTest } from '../model/model.js';

/**
 * A model's guards as a pruning tree laid out in preorder: node `i` holds one test;
 * when it fails the walk jumps to `skip[i]` (past its subtree), when it holds the walk
 * goes on to `i + 1`. Leaves (`command[i] >= 0`) are the commands themselves, in
 * command order, so walking the plan yields enabled commands in slot order.
 *
 * Built from {@link Command.tests}: consecutive commands sharing a prefix of test
 * closures share the inner nodes for it. A command without tests is one leaf whose
 * test is its whole guard. Correct whenever each command's tests conjoin to its guard.
 */
export interface GuardPlan<V> {
  readonly tests: readonly GuardTest<V>[];
  readonly skip: Int32Array;
  readonly command: Int32Array;
}

export function guardPlan<V, A extends Action>(commands: readonly Command<V, A>[]): GuardPlan<V> {
  const tests: GuardTest<V>[] = [];
  const skip: number[] = [];
  const command: number[] = [];
  const open: { test: GuardTest<V>; node: number }[] = [];
  const close = (depth: number): void => {
    while (open.length > depth) skip[open.pop()!.node] = tests.length;
  };
  commands.forEach((c, i) => {
    const ts = c.tests && c.tests.length > 0 ? c.tests : [c.guard];
    const inner = ts.length - 1;
    let shared = 0;
    while (shared < open.length && shared < inner && open[shared]!.test === ts[shared]) shared++;
    close(shared);
    for (let j = shared; j < inner; j++) {
      open.push({ test: ts[j]!, node: tests.length });
      tests.push(ts[j]!);
      skip.push(-1);
      command.push(-1);
    }
    tests.push(ts[inner]!);
    skip.push(tests.length);
    command.push(i);
  });
  close(0);
  return { tests, skip: Int32Array.from(skip), command: Int32Array.from(command) };
}
