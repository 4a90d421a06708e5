/** XenBus connection states (Xen `io/xenbus.h`) that the blk protocol uses. */
import { defineEnum } from '../../src/layout/shape.js';

export const XB = defineEnum(['Initialising', 'InitWait', 'Initialised', 'Connected', 'Closing', 'Closed']);
export type XenbusState = (typeof XB.names)[number];
