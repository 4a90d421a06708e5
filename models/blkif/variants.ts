/**
 * Variants of the blkif model: each is one switch away from the reference protocol
 * and reproduces a design choice or a historical bug (digest §4). The first four are
 * the reference page's; the rest are this project's, each named after the bug.
 */
export const BLKIF_VARIANTS = {
  lru: 'Linux 3.11 LRU / 4.19 timeout: the backend may purge an idle persistent grant while connected (LruPurge)',
  'free-in-use': 'XSA-396 / CVE-2022-23041: FrontFree frees a page whose grant could not be revoked (Private, not Deferred)',
  'close-busy': 'the backend moves to Closed while I/O is in flight, unmapping nothing (digest §2.9, B14)',
  negotiation: '2022 negotiation bug (B12a): BackConnect uses its own parameter, ignoring the front\'s key',
  'rogue-backend': 'a malicious backend may map any permitted gref at any time; with the atomic try_end revoke this is harmless',
  'xsa396-query': 'XSA-396 / CVE-2022-23036: the front queries "in use?" then ends access in a second step, ignoring failure; with a rogue backend',
  'flush-after-unpin': 'Xen 2006-07 (B1): unmap drops the pin (grant revocable) and the TLB flush comes later, as its own step',
  'teardown-inflight': 'Linux 3.8 (B4): persistent grants freed at disconnect while I/O is still in flight',
  'uncached-advert': '2022 (B12c): the front advertises feature-persistent before caching its parameter, so persistent grants are never used',
  'disconnect-on-closing': 'pre-2012 blkback (B13, "don\'t disconnect until Closed"): the backend disconnects when the front is only Closing',
  'param-change': 'feature_persistent may be changed on a side while it is Closed; both ends re-read it at every connect (the 2022 fixed drivers)',
  'stale-persistent': '2022 (B12b): feature_persistent may be changed while Closed, but each end set its feature from it once at probe and only ANDs in the peer\'s key, so once off it stays off',
} as const;

export type BlkifVariant = keyof typeof BLKIF_VARIANTS;

/** The switches the model's actions read; the reference protocol has all of them off. */
export interface Features {
  readonly lru: boolean;
  readonly freeInUse: boolean;
  readonly closeBusy: boolean;
  readonly negotiation: boolean;
  /** The backend may map any permitted gref outside the protocol (extra state: rogueMap, rogueFrame). */
  readonly rogueBackend: boolean;
  /** Completion revokes in two steps, query then end-access (extra state: slotQueried). */
  readonly splitRevoke: boolean;
  /** Unmaps drop pins immediately and flush later (extra state: flushPending). */
  readonly lateFlush: boolean;
  readonly teardownInflight: boolean;
  readonly uncachedAdvert: boolean;
  readonly disconnectOnClosing: boolean;
  /** Either side's feature_persistent may change between connections (extra state: fpNow, bpNow). */
  readonly paramChange: boolean;
  /** Each end's feature variable is set from its parameter at probe and never re-read (B12b). */
  readonly stalePersistent: boolean;
}

export function featuresOf(variant: BlkifVariant | null): Features {
  return {
    lru: variant === 'lru',
    freeInUse: variant === 'free-in-use',
    closeBusy: variant === 'close-busy',
    negotiation: variant === 'negotiation',
    rogueBackend: variant === 'rogue-backend' || variant === 'xsa396-query',
    splitRevoke: variant === 'xsa396-query',
    lateFlush: variant === 'flush-after-unpin',
    teardownInflight: variant === 'teardown-inflight',
    uncachedAdvert: variant === 'uncached-advert',
    disconnectOnClosing: variant === 'disconnect-on-closing',
    paramChange: variant === 'param-change' || variant === 'stale-persistent',
    stalePersistent: variant === 'stale-persistent',
  };
}
