import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PEERS = fileURLToPath(new URL('../../../bench/peers/', import.meta.url));

/**
 * A peer model's source with its size constants rewritten. Each `pattern(name)` must
 * match exactly one line; anything else is a broken peer file, not a silent default.
 */
export function peerSource(file: string, values: Readonly<Record<string, string>>, pattern: (name: string) => RegExp, line: (name: string, value: string, old: string) => string): string {
  let text = readFileSync(PEERS + file, 'utf8');
  for (const [name, value] of Object.entries(values)) {
    const re = pattern(name);
    const hits = text.match(new RegExp(re.source, 'gm'));
    if (!hits || hits.length !== 1) throw new Error(`bench/peers/${file}: expected one definition of ${name}, found ${hits?.length ?? 0}`);
    text = text.replace(new RegExp(re.source, 'm'), (old) => line(name, value, old));
  }
  return text;
}
