/**
 * Plain-number identities shared by the blkfront and blkback implementations.
 *
 * They are aliases, not brands, so a model checker can store them in packed
 * state words without conversion. The names only document intent.
 */

/** A grant reference (`grant_ref_t`): an index into the granting guest's grant table. */
export type Gref = number;

/** A map handle returned by GNTTABOP_map_grant_ref (`grant_handle_t`). */
export type GrantHandle = number;

/** An abstract page frame (`struct page *`); equality is identity. */
export type PageId = number;
