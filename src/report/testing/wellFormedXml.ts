/**
 * A strict enough XML well-formedness check for tests (no XML parser is a dependency):
 * one root element, tags nested and closed, attributes quoted and unique, no raw `<`
 * or stray `&` in text or attribute values. Returns the first problem, or null.
 */
export function xmlProblem(xml: string): string | null {
  const entity = /^&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
  const checkText = (text: string, where: string): string | null => {
    if (text.includes('<')) return `raw < in ${where}`;
    for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
      if (!entity.test(text.slice(i))) return `stray & in ${where}: ${text.slice(i, i + 12)}`;
    }
    return null;
  };
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const text = lt < 0 ? rest : rest.slice(0, lt);
    if (stack.length === 0 && text.trim() !== '') return `text outside the root element: ${text.slice(0, 20)}`;
    const bad = checkText(text, `text inside <${stack.at(-1) ?? ''}>`);
    if (bad) return bad;
    if (lt < 0) break;
    rest = rest.slice(lt);
    if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) return 'unterminated comment';
      rest = rest.slice(end + 3);
      continue;
    }
    const m = /^<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(rest);
    if (!m) return `malformed tag: ${rest.slice(0, 40)}`;
    const [all, close, name, attrs, selfClose] = m;
    const names = [...attrs!.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)];
    const seen = new Set<string>();
    for (const a of names) {
      if (seen.has(a[1]!)) return `duplicate attribute ${a[1]} on <${name}>`;
      seen.add(a[1]!);
      const bad = checkText(a[3] ?? a[4] ?? '', `attribute ${a[1]} of <${name}>`);
      if (bad) return bad;
    }
    if (close) {
      if (stack.pop() !== name) return `</${name}> closes the wrong element`;
    } else if (!selfClose) {
      if (stack.length === 0 && ++roots > 1) return 'more than one root element';
      stack.push(name!);
    } else if (stack.length === 0 && ++roots > 1) return 'more than one root element';
    rest = rest.slice(all!.length);
  }
  if (stack.length) return `unclosed <${stack.at(-1)}>`;
  return roots === 1 ? null : 'no root element';
}
