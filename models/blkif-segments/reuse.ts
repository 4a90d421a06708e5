/**
 * What this model takes unchanged from the reference model (models/blkif): the xenbus
 * lifecycle commands and the properties that read only fields this model declares with
 * the same names, shapes and meanings (`SharedFields`). They are picked by name from
 * the reference's own lists, so a change there applies here too.
 */
import type { Action } from '../../src/model/action.js';
import type { Command } from '../../src/model/model.js';
import type { Property } from '../../src/model/property.js';
import { fail } from '../../src/util/errors.js';
import { lifecycleCommands } from '../blkif/lifecycle.js';
import { blkifProperties } from '../blkif/properties.js';
import type { BlkifState } from '../blkif/state.js';
import { featuresOf } from '../blkif/variants.js';
import type { SegParams } from './params.js';

/** The reference state's fields that the reused commands and properties read or write. */
export type SharedFields = Pick<
  BlkifState,
  'fe' | 'be' | 'fePers' | 'bePers' | 'pool' | 'frameSt' | 'entGref' | 'gtPermit' | 'gtFrame' | 'pin' | 'tree'
>;

/** Lifecycle steps that touch only xenbus states, negotiation, the pool flag and frame ownership. */
const XENBUS_STEPS = [
  'BackProbe',
  'FrontInit',
  'BackConnect',
  'FrontConnect',
  'FrontClose',
  'BackClose',
  'FrontClosed',
  'FrontReinit',
  'BackReprobe',
] as const;

/** Reads gtPermit, gtFrame, pin, entGref and frameSt: grant table v1 only. */
const DEFERRED_RELEASE = 'DeferredRelease';

/** Stated over fe/be/fePers/bePers, pin and tree only. */
const REUSED_PROPERTIES = ['negotiationAgreement', 'unmapOnlyOnDisconnect', 'treeBounded'] as const;

export function referenceLifecycle<S extends SharedFields>(p: SegParams, withDeferredRelease: boolean): Command<S, Action>[] {
  const wanted: readonly string[] = withDeferredRelease ? [...XENBUS_STEPS, DEFERRED_RELEASE] : XENBUS_STEPS;
  const picked = lifecycleCommands(p, featuresOf(null)).filter((c) => wanted.includes(c.action.type));
  const types = new Set(picked.map((c) => c.action.type));
  const missing = wanted.filter((t) => !types.has(t));
  if (missing.length > 0) fail('BAD_MODEL', `blkif-segments: the reference model has no ${missing.join(', ')} any more`);
  return picked as unknown as Command<S, Action>[];
}

export function referenceProperties<S extends SharedFields>(p: SegParams): Property<S, Action>[] {
  const picked = blkifProperties(p, featuresOf(null)).filter((q) => (REUSED_PROPERTIES as readonly string[]).includes(q.name));
  if (picked.length !== REUSED_PROPERTIES.length) fail('BAD_MODEL', 'blkif-segments: a reused reference property is missing');
  return picked as unknown as Property<S, Action>[];
}
