import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeError, fail } from '../util/errors.js';
import type { AdapterFactory } from './adapter.js';

/**
 * The adapter factories a user's ES module offers (`gntcheck conform --adapter FILE`):
 * its default export, or its named export `adapters`, is one {@link AdapterFactory} or an
 * array of them. BAD_OPTION naming the file when it cannot be loaded or exports none,
 * and naming the export when a factory lacks a field.
 */
export async function loadAdapterModule(file: string): Promise<AdapterFactory[]> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (err) {
    return fail('BAD_OPTION', `--adapter ${file}: cannot load it: ${describeError(err).split('\n')[0]}`);
  }
  const exported = mod['default'] ?? mod['adapters'];
  if (exported === undefined) {
    fail('BAD_OPTION', `--adapter ${file} has no default export and no export named adapters (an adapter factory, or an array of them)`);
  }
  const list = Array.isArray(exported) ? (exported as unknown[]) : [exported];
  return list.map((f, i) => checkFactory(f, `--adapter ${file}${Array.isArray(exported) ? ` [${i}]` : ''}`));
}

function checkFactory(f: unknown, where: string): AdapterFactory {
  const o = (f ?? {}) as Record<string, unknown>;
  const problem =
    typeof f !== 'object' || f === null
      ? 'is not an object'
      : typeof o['name'] !== 'string' || o['name'] === ''
        ? 'has no name'
        : !Array.isArray(o['models']) || !o['models'].every((m) => typeof m === 'string')
          ? 'has no models (an array of model ids)'
          : typeof o['create'] !== 'function'
            ? 'has no create() function'
            : null;
  if (problem !== null) fail('BAD_OPTION', `${where}: the adapter factory ${problem}`);
  const factory = f as AdapterFactory;
  if (typeof o['description'] === 'string') return factory;
  return { name: factory.name, description: '', models: factory.models, create: () => factory.create() };
}
