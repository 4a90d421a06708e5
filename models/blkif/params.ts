/** The blkif model's parameters (reference page, "Parameters"). */
import { boolParam, intParam, type ParamSpecs, type ParamValues } from '../../src/model/params.js';

export interface BlkifParams {
  /** Frontend pool entries; entry e owns guest frame e. */
  readonly P: number;
  /** Grant references 0..G-1 (G >= P). */
  readonly G: number;
  /** Ring slots (request ids). */
  readonly R: number;
  /** Backend vCPUs, each with a TLB. */
  readonly C: number;
  /** Backend limit on persistent grants (max_pgrants). */
  readonly MAXP: number;
  /** Frontend / backend feature_persistent module parameters. */
  readonly FP: boolean;
  readonly BP: boolean;
}

// The ranges admit realistic sizes for `gntcheck simulate` (P=32 G=64 R=32 C=24 MAXP=32);
// exhaustive checking is only practical at a few of each.
export const BLKIF_PARAMS: ParamSpecs = {
  P: intParam(2, 1, 32, 'frontend pool entries; entry e owns guest frame e'),
  G: intParam(3, 1, 64, 'grant references 0..G-1 (G >= P)'),
  R: intParam(2, 1, 32, 'ring slots, i.e. request ids'),
  C: intParam(2, 1, 32, 'backend (dom0) vCPUs, each with a TLB'),
  MAXP: intParam(2, 0, 64, 'backend limit on persistent grants (max_pgrants)'),
  FP: boolParam(true, 'frontend feature_persistent module parameter'),
  BP: boolParam(true, 'backend feature_persistent module parameter'),
};

export function toBlkifParams(v: ParamValues): BlkifParams {
  return {
    P: v['P'] as number,
    G: v['G'] as number,
    R: v['R'] as number,
    C: v['C'] as number,
    MAXP: v['MAXP'] as number,
    FP: v['FP'] as boolean,
    BP: v['BP'] as boolean,
  };
}

export function validateBlkifParams(v: ParamValues): string | null {
  return (v['G'] as number) < (v['P'] as number) ? `G must be >= P (got G=${String(v['G'])}, P=${String(v['P'])})` : null;
}
