/** Every model `gntcheck` knows by id: what `--model` and spec files can name. */
import type { ModelDefinition } from '../src/model/definition.js';
import { blkif } from './blkif/model.js';
import { blkifSegments } from './blkif-segments/model.js';
import { twoPhase } from './two-phase/twoPhase.js';

export const MODELS: readonly ModelDefinition[] = [blkif, twoPhase, blkifSegments];
