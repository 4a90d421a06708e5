/**
 * One `GNTTABOP_unmap_grant_ref` hypercall as Xen runs it (digest §1.6): its ops are
 * processed in batches of up to {@link UNMAP_BATCH_SIZE}; for each batch Xen removes the
 * mappings, flushes the TLBs of every CPU the backend domain ran on, and only then drops
 * the pins (so a guest can revoke only after the flush). Written once for every Xen model:
 * a model opens a batch, calls {@link UnmapBatch.unmap} once per mapping it drops, and
 * closes it at the end of the hypercall.
 *
 * Within one model step the whole hypercall is atomic, so closing a batch flushes once
 * per started batch of ops and a batch with no op flushes nothing. The 2006-07 Xen bug
 * (digest §4 B1) dropped the pins before the flush; a model that reproduces it opens the
 * batch with `flush: 'owed'`, and `close()` then reports that a flush is still owed
 * instead of doing it, for the model to perform as a later step of its own.
 */
import type { EffectSink } from '../../../src/model/effects.js';
import { GrantTable, type GrantTableView } from './grantTable.js';
import { Tlb, type TlbView } from './tlb.js';

/** `GNTTAB_UNMAP_BATCH_SIZE`: Xen flushes once per this many unmap ops. */
export const UNMAP_BATCH_SIZE = 32;

/** `in-batch`: today's Xen (unmap, flush, complete). `owed`: the pins drop now, the flush comes later. */
export type UnmapFlush = 'in-batch' | 'owed';

export class UnmapBatch {
  private ops = 0;
  private closed = false;

  constructor(
    private readonly v: GrantTableView & TlbView,
    private readonly fx: EffectSink,
    private readonly flush: UnmapFlush = 'in-batch',
  ) {}

  /** One unmap op of gref `g`: drops one of its pins. */
  unmap(g: number): void {
    if (this.closed) throw new Error('UnmapBatch.unmap after close');
    GrantTable.unmapOp(this.v, g, this.fx);
    this.ops++;
  }

  /**
   * Ends the hypercall. With `in-batch`, flushes once per started batch of ops and
   * returns false; with `owed`, flushes nothing and returns whether some op needs a flush.
   */
  close(): boolean {
    if (this.closed) throw new Error('UnmapBatch closed twice');
    this.closed = true;
    if (this.ops === 0) return false;
    if (this.flush === 'owed') return true;
    const batches = Math.ceil(this.ops / UNMAP_BATCH_SIZE);
    for (let b = 0; b < batches; b++) Tlb.flush(this.v, this.fx);
    return false;
  }

  /** Unmap ops issued so far. */
  get size(): number {
    return this.ops;
  }
}
