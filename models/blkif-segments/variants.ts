/**
 * Variants of the blkif-segments model: each is one switch away from today's
 * xen-blkback and puts back one historical defect of `xen_blkbk_map` and its error
 * paths (digest §4), or grant-table v2's revoke. Each names the commit that fixed it.
 */
export const SEG_VARIANTS = {
  xsa371:
    'XSA-371 / CVE-2021-28688 (fixed by a846738f8c37): the out: loop of xen_blkbk_map zaps persistent_gnt from last_map + segs_to_map instead of map_until, so an ENOMEM drops the current batch\'s persistent hits without putting them',
  'xsa365-ret':
    'XSA-365 / CVE-2021-26930 (fixed by 871997bc9e42), batch loop: a later batch\'s gnttab_map_refs result overwrites an earlier batch\'s map error, so a request with an unmapped segment goes to the block layer',
  'xsa365-nomem':
    'XSA-365 / CVE-2021-26930 (fixed by 871997bc9e42), out-of-memory path: handles are invalidated but persistent_gnt pointers left from the pending_req\'s previous request are not, so the unmap path puts nodes it does not own',
  xsa362:
    'XSA-362 / CVE-2021-26931: xen_blkbk_map BUG_ON(ret) after gnttab_map_refs (present in 3.8, gone today), so a PV p2m out-of-memory error crashes the backend',
  'insert-before-map':
    'Linux 3.8 blkback (digest §4 B4): the node is inserted before the map hypercall and the lookup ignores in-use, so a second segment of the same new gref shares it; a failed map frees it under that segment',
  'gnttab-v2':
    'grant table v2 (digest §4 B15, a potential issue): a failed end-access still clears the entry\'s flags, so a grant the front keeps as persistent can no longer be re-mapped after the backend purges it',
} as const;

export type SegVariant = keyof typeof SEG_VARIANTS;

/** The switches the model's actions read; today's Linux with grant table v1 has all of them off. */
export interface SegFeatures {
  /** xsa371: the out: loop's bound is last_map + segs_to_map. */
  readonly zapBatchHits: boolean;
  /** xsa365-ret: batches go on after an error, and each batch's hypercall result overwrites ret. */
  readonly retOverwrite: boolean;
  /** xsa365-nomem: the ENOMEM path leaves stale persistent_gnt pointers (extra state: segStale). */
  readonly stalePointers: boolean;
  /** xsa362: an error returned by gnttab_map_refs is a BUG(). */
  readonly bugOnMapError: boolean;
  /** insert-before-map: Linux 3.8's lookup, insertion and failure handling. */
  readonly insertBeforeMap: boolean;
  /** gnttab-v2: end-access withdraws the permit even when it fails (extra state: gtWithdrawn). */
  readonly gnttabV2: boolean;
}

export function segFeaturesOf(variant: SegVariant | null): SegFeatures {
  return {
    zapBatchHits: variant === 'xsa371',
    retOverwrite: variant === 'xsa365-ret',
    stalePointers: variant === 'xsa365-nomem',
    bugOnMapError: variant === 'xsa362',
    insertBeforeMap: variant === 'insert-before-map',
    gnttabV2: variant === 'gnttab-v2',
  };
}
