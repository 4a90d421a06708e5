import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describeError, fail } from '../util/errors.js';

const BUNDLE = 'mermaid/dist/mermaid.min.js';

/**
 * Mermaid's browser bundle (the `mermaid` dependency), to inline into the HTML page
 * so that it renders its diagrams with no network. `</script` is escaped so the
 * bundle cannot end its own script element.
 */
export function mermaidBundle(): string {
  let text: string;
  try {
    text = readFileSync(createRequire(import.meta.url).resolve(BUNDLE), 'utf8');
  } catch (err) {
    return fail('IO', `cannot read ${BUNDLE} (is the mermaid package installed? run npm ci): ${describeError(err)}`);
  }
  return inlineScript(text);
}

/** Script text safe inside `<script>...</script>`. */
export function inlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1');
}
