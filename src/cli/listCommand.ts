import { existsSync, readdirSync, statSync } from 'node:fs';
import type { ModelDefinition } from '../model/definition.js';
import { loadSpecs } from '../spec/load.js';
import { fail } from '../util/errors.js';
import { parse } from './args.js';

/** `gntcheck list [--json] [specs folder]`: models with parameters and variants, then specs. */
export function runList(registry: readonly ModelDefinition[], argv: readonly string[]): number {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  if (positionals.length > 1) fail('BAD_OPTION', `list takes one specs folder, got ${positionals.join(' ')}`);
  const specPath = positionals[0] ?? 'specs';
  // No specs/ folder is fine when none was named; a folder the user names must exist.
  if (positionals[0] !== undefined && !existsSync(specPath)) fail('IO', `no such spec file or folder: ${specPath}`);
  const specs = existsSync(specPath) && !isEmptyFolder(specPath) ? loadSpecs(specPath) : [];
  if (values['json']) {
    const models = registry.map((d) => ({ id: d.id, title: d.title, source: d.source, params: d.params, variants: d.variants }));
    const specList = specs.map((s) => ({ name: s.name, file: s.file, model: s.model, variant: s.variant, params: s.params, tags: s.tags }));
    process.stdout.write(JSON.stringify({ models, specs: specList }) + '\n');
    return 0;
  }
  const lines: string[] = ['Models:'];
  for (const d of registry) {
    lines.push('', `  ${d.id}: ${d.title}`, `    source: ${d.source}`);
    const params = Object.entries(d.params);
    if (params.length) lines.push('    parameters:');
    for (const [k, p] of params) {
      const range = p.type === 'int' ? ` in ${p.min}..${p.max}` : ' (true|false)';
      lines.push(`      ${k.padEnd(5)} default ${String(p.default)}${range}: ${p.doc}`);
    }
    const variants = Object.entries(d.variants);
    if (variants.length) lines.push('    variants:');
    for (const [k, doc] of variants) lines.push(`      ${k}: ${doc}`);
  }
  lines.push('', `Specs (${specPath}):`);
  if (specs.length === 0) lines.push('  none');
  for (const s of specs) {
    const tags = s.tags.length ? ` [${s.tags.join(', ')}]` : '';
    lines.push(`  ${s.name.padEnd(36)} ${s.model}${s.variant ? ` --variant ${s.variant}` : ''}${tags}  (${s.file})`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

function isEmptyFolder(path: string): boolean {
  return statSync(path).isDirectory() && !readdirSync(path, { recursive: true }).some((f) => String(f).endsWith('.json'));
}
