import type { Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import type { Kernel } from './kernel.js';
import { PackedKernel } from './packedKernel.js';
import { PlainKernel } from './plainKernel.js';

/** The packed kernel when the model declares a layout, the interning one otherwise. */
export function kernelFor<S, A extends Action>(model: Model<S, A>, symmetry = false): Kernel<S, A> {
  return model.packed ? new PackedKernel(model, model.packed, symmetry) : new PlainKernel(model);
}
