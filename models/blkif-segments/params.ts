/** The blkif-segments model's parameters: the reference's, plus segments, batching and the environment. */
import { boolParam, intParam, type ParamSpecs, type ParamValues } from '../../src/model/params.js';
import type { BlkifParams } from '../blkif/params.js';

/** Extends the reference's parameters (same names, same meaning), so reused reference code sees what it expects. */
export interface SegParams extends BlkifParams {
  /** Segments per request at most (BLKIF_MAX_SEGMENTS_PER_REQUEST is 11). */
  readonly S: number;
  /** Map ops per `gnttab_map_refs` batch in `xen_blkbk_map` (11 in Linux). */
  readonly B: number;
  /** A hostile front: it may also post requests naming arbitrary grefs. */
  readonly HOSTILE: boolean;
  /** The backend's free-page cache and the PV p2m update may run out of memory. */
  readonly NOMEM: boolean;
  /** The backend purges idle persistent grants while connected (Linux >= 3.11 LRU / 4.19 timeout). */
  readonly PURGE: boolean;
}

export const SEG_PARAMS: ParamSpecs = {
  P: intParam(2, 1, 8, 'frontend pool entries; entry e owns guest frame e'),
  G: intParam(2, 1, 16, 'grant references 0..G-1 (G >= P)'),
  R: intParam(1, 1, 4, 'ring slots, i.e. request ids (and backend pending_reqs)'),
  S: intParam(2, 1, 4, 'segments per request at most'),
  B: intParam(11, 1, 11, 'map ops per gnttab_map_refs batch in xen_blkbk_map (11 in Linux)'),
  C: intParam(1, 1, 8, 'backend (dom0) vCPUs, each with a TLB'),
  MAXP: intParam(2, 0, 16, 'backend limit on persistent grants (max_pgrants)'),
  FP: boolParam(true, 'frontend feature_persistent module parameter'),
  BP: boolParam(true, 'backend feature_persistent module parameter'),
  HOSTILE: boolParam(false, 'a hostile front may also post requests naming any grefs: repeated, in flight, or never granted'),
  NOMEM: boolParam(false, 'the backend may run out of memory: free-page cache (ENOMEM) or PV p2m update in gnttab_map_refs'),
  PURGE: boolParam(false, 'the backend purges idle persistent grants while connected (Linux >= 3.11)'),
};

export function toSegParams(v: ParamValues): SegParams {
  const int = (k: string): number => v[k] as number;
  const flag = (k: string): boolean => v[k] as boolean;
  return {
    P: int('P'),
    G: int('G'),
    R: int('R'),
    S: int('S'),
    B: int('B'),
    C: int('C'),
    MAXP: int('MAXP'),
    FP: flag('FP'),
    BP: flag('BP'),
    HOSTILE: flag('HOSTILE'),
    NOMEM: flag('NOMEM'),
    PURGE: flag('PURGE'),
  };
}

export function validateSegParams(v: ParamValues): string | null {
  return (v['G'] as number) < (v['P'] as number) ? `G must be >= P (got G=${String(v['G'])}, P=${String(v['P'])})` : null;
}
