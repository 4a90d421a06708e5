import type { Progress } from '../explore/options.js';
import { formatCount } from './summary.js';

/**
 * Progress on stderr: an updating line on a terminal, or one line per interval when
 * asked for explicitly on a pipe. Returns the callback and a function that clears the line.
 */
export function stderrProgress(label: string): { onProgress: (p: Progress) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  const onProgress = (p: Progress): void => {
    const rate = p.elapsedMs > 0 ? (p.states / p.elapsedMs) * 1000 : 0;
    const line =
      `${label}: ${formatCount(p.states)} states, ${formatCount(rate)} states/s, ` +
      `queue ${formatCount(p.queue)}, depth ${p.depth}, ${(p.elapsedMs / 1000).toFixed(0)} s`;
    if (tty) process.stderr.write(`\r\x1b[K${line}`);
    else process.stderr.write(line + '\n');
    shown = true;
  };
  const done = (): void => {
    if (tty && shown) process.stderr.write('\r\x1b[K');
  };
  return { onProgress, done };
}
