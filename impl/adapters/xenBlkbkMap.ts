import type { PersistentGrant } from '../blkback/persistentGrant.js';
import type { PersistentGrantStoreApi } from '../blkback/persistentGrantStoreApi.js';

/** An environment failure in one run of xen_blkbk_map (the blkif-segments model's BackMapNoPage / BackMapP2mNoMem). */
export type MapFault =
  | { readonly kind: 'none' }
  /** `gnttab_page_cache_get` finds no free page for segment `seg` (ENOMEM). */
  | { readonly kind: 'noPage'; readonly seg: number }
  /** The PV p2m update for segment `seg`'s map op fails inside `gnttab_map_refs` (ENOMEM). */
  | { readonly kind: 'p2m'; readonly seg: number };

/** What the hypervisor answers a map op for gref g: the frame it maps, or null (no permit). */
export type MapOp = (g: number) => number | null;

export interface MapRun {
  /** Whether xen_blkbk_map returned 0 (else dispatch_rw_block_io goes to fail_flush). */
  readonly ok: boolean;
  /** Each segment's `persistent_gnt` when it returned (null: none). */
  readonly nodes: readonly (PersistentGrant | null)[];
  /** The store calls made, for reports. */
  readonly calls: readonly string[];
}

/**
 * `xen_blkbk_map` of today's blkback.c (after the XSA-365 and XSA-371 fixes), written
 * from the C code, with its store operations done on `store`: per batch of at most
 * `batch` misses, look each segment up (`get_persistent_gnt`), map the misses, then for
 * each new mapping try to keep it (`add_persistent_gnt`, which refuses at the limit or
 * for a duplicate). It stops at the first batch with an error; `out:` keeps the current
 * batch's persistent hits, so the caller's fail_flush puts them. The hypercalls
 * themselves are the caller's environment (`map`), not the store's business.
 */
export function xenBlkbkMap(
  store: PersistentGrantStoreApi,
  grefs: readonly number[],
  usePersistent: boolean,
  batch: number,
  map: MapOp,
  fault: MapFault,
  nextHandle: () => number,
): MapRun {
  const n = grefs.length;
  const nodes: (PersistentGrant | null)[] = grefs.map(() => null);
  const calls: string[] = [];
  let mapUntil = 0;
  let ret = 0;
  for (;;) {
    // again: look up each segment; queue a map op per miss, at most `batch` of them.
    const queued: number[] = [];
    let outOfPages = false;
    for (let i = mapUntil; i < n; i++) {
      const g = grefs[i]!;
      if (usePersistent) {
        const got = store.get(g);
        calls.push(`store.get(${g}) -> ${got.ok ? 'ok' : got.error}`);
        if (got.ok) nodes[i] = got.node;
      }
      if (nodes[i] === null) {
        if (fault.kind === 'noPage' && fault.seg === i) {
          calls.push(`segment ${i}: no free page (ENOMEM)`);
          outOfPages = true;
          break;
        }
        queued.push(i);
      }
      mapUntil = i + 1;
      if (queued.length === batch) break;
    }
    if (outOfPages) {
      ret = -1;
      break; // goto out
    }
    // gnttab_map_refs: a p2m failure fails its op and makes the call return -ENOMEM.
    const frames = queued.map((i) => (fault.kind === 'p2m' && fault.seg === i ? null : map(grefs[i]!)));
    if (queued.some((i) => fault.kind === 'p2m' && fault.seg === i)) ret = -1;
    queued.forEach((i, k) => {
      const frame = frames[k]!;
      if (frame === null) {
        calls.push(`map ${grefs[i]} for segment ${i} failed`);
        ret = ret !== 0 ? ret : 1; // ret |= !ret
        return;
      }
      if (!usePersistent) return;
      const added = store.add(grefs[i]!, nextHandle(), frame);
      calls.push(`store.add(${grefs[i]}, page ${frame}) -> ${added.ok ? 'ok' : added.error}`);
      if (added.ok) nodes[i] = added.node;
    });
    if (ret !== 0 || mapUntil === n) break;
  }
  // out: zaps persistent_gnt from map_until on (the XSA-371 fix). Those segments were
  // never looked up here, so they hold none already; the current batch's hits stay.
  return { ok: ret === 0, nodes, calls };
}
