/**
 * The XenBus connection lifecycle of the Linux block split driver (xen-blkfront,
 * xen-blkback) as a statechart: digest §1.1, §2.1, §2.9, §2.10. Event names are the
 * blkif model's lifecycle actions (models/blkif/lifecycle.ts), so a model step can be
 * looked up in the chart; the guards are the drivers', not copies of the model's.
 *
 * A region has the states its driver writes: blkfront never writes InitWait, blkback
 * never writes Initialised. A peer guard is evaluated on the pre-state of the step.
 *
 * Front (blkfront: blkback_changed, talk_to_blkback, blkfront_connect, blkfront_closing)
 * - Initialising -FrontInit-> Initialised, back in {InitWait, Connected}: talk_to_blkback,
 *   run by blkback_changed on back InitWait only while the front is Initialising
 *   (§1.1 step 4; §4 B13, 2015 "only talk_to_blkback() when in XenbusStateInitialising"),
 *   and on back Connected while the front is not Initialised/Connected (§1.1 step 6;
 *   §4 B13, 2015 "Fix crash if backend doesn't follow the right states").
 * - Initialised -FrontConnect-> Connected, back Connected: blkfront_connect (§1.1 step 6).
 * - Connected -FrontClose-> Closing: xenbus_dev_fatal on an error (§1.1), or, before the
 *   2021 patch "xen-blkfront: sanitize the removal state machine", blkfront_closing's
 *   "Device in use; refusing to close" when the back closed under an open disk.
 * - Initialised, Connected, Closing -FrontClosed-> Closed, back in {Closing, Closed}:
 *   blkfront_closing -> xenbus_frontend_closed, from blkback_changed on back Closing, or
 *   Closed while the front is not (§1.1 "Close"). From Closing, before the 2021 patch:
 *   blkif_release's "pending switch to state closed" once the disk is released.
 * - Closed -FrontReinit-> Initialising, back Closed: a front that comes back while the
 *   back is Closed (§1.1 "Reconnect", §2.10).
 *
 * Back (blkback: xen_blkbk_probe, frontend_changed, xen_update_blkif_status -> connect)
 * - Initialising -BackProbe-> InitWait: xen_blkbk_probe (§1.1 step 2).
 * - InitWait -BackConnect-> Connected, front in {Initialised, Connected}: frontend_changed
 *   runs xen_blkif_disconnect, connect_ring, then connect() (§1.1 step 5, §2.1).
 * - Connected -BackClose-> Closing: the toolstack's unplug, or frontend_changed mirroring a
 *   front in Closing (§1.1 "Close").
 * - Closing -BackDisconnect-> Closed, front Closed: frontend_changed runs
 *   xen_blkif_disconnect, then switches to Closed (§1.1 "Close", §2.9).
 * - Closed -BackReprobe-> InitWait, front Initialising: frontend_changed, "prepare for
 *   reconnect" (§1.1 "Reconnect").
 *
 * Where this chart and the reference page ("Connection lifecycle") differ:
 * - The chart has no guard on anything but XenBus states. The page's BackDisconnect also
 *   needs "not busy" (the driver switches to Closed even when xen_blkif_disconnect returns
 *   -EBUSY, §2.9 [analysis]; that is the `close-busy` variant), FrontReinit needs the pool
 *   freed (FrontFree, i.e. blkif_free), and the driver's BackConnect needs the vbd opened by
 *   hotplug, which the page does not model. In those places the chart allows a step that
 *   the model takes only after internal steps; the replay inserts them.
 * - Peer guards wider than the page's: FrontInit on back Connected, BackConnect on front
 *   Connected, FrontClosed on back Closed. They are the drivers' defences against missed
 *   or coalesced watch events; no configuration reachable in the chart enables them (the
 *   tests pin the 12 reachable configurations), so they add no behaviour to the chart.
 *   They do matter once a model leaves it: the `disconnect-on-closing` variant deadlocks
 *   at (Closing, Closed), where the page's FrontClosed waits for a back in Closing.
 * - Left out, as the page leaves them out: error paths (xenbus_dev_fatal moves an end to
 *   Closing from any state), the toolstack closing a back that never connected, Unknown
 *   and Reconfiguring, resume and migration (blkfront_resume goes to Initialised from
 *   Connected), device removal, and frontend_changed's Closing/Closed branches from back
 *   states other than Connected/Closing (unreachable in the chart). Also left out: a front
 *   in Initialising that sees the back Closed. blkback_changed would run blkfront_closing
 *   for it if a watch event delivered that state [analysis]; the chart follows §1.1
 *   "Reconnect", where the back answers a returning front by going to InitWait.
 * - The 2021 patch removed blkfront_closing's switch to Closing for an open disk and
 *   blkif_release's switch from Closing to Closed; blkfront_closing now returns early for
 *   a front already in Closing. The page and the chart follow the earlier driver, where
 *   the front's Closing is "close pending until the disk is released".
 */
import { setup } from 'xstate';
import { peerIn } from './splitDriverChart.js';

export const BLK_LIFECYCLE_EVENTS = [
  'BackProbe',
  'FrontInit',
  'BackConnect',
  'FrontConnect',
  'FrontClose',
  'BackClose',
  'FrontClosed',
  'BackDisconnect',
  'FrontReinit',
  'BackReprobe',
] as const;
export type BlkLifecycleEvent = { readonly type: (typeof BLK_LIFECYCLE_EVENTS)[number] };

const closedByBack = { target: 'Closed', guard: peerIn('back', 'Closing', 'Closed') } as const;

export const blkLifecycleChart = setup({ types: { events: {} as BlkLifecycleEvent } }).createMachine({
  id: 'blkLifecycle',
  type: 'parallel',
  states: {
    front: {
      initial: 'Initialising',
      states: {
        Initialising: {
          on: { FrontInit: { target: 'Initialised', guard: peerIn('back', 'InitWait', 'Connected') } },
        },
        Initialised: {
          on: {
            FrontConnect: { target: 'Connected', guard: peerIn('back', 'Connected') },
            FrontClosed: closedByBack,
          },
        },
        Connected: {
          on: { FrontClose: { target: 'Closing' }, FrontClosed: closedByBack },
        },
        Closing: {
          on: { FrontClosed: closedByBack },
        },
        Closed: {
          on: { FrontReinit: { target: 'Initialising', guard: peerIn('back', 'Closed') } },
        },
      },
    },
    back: {
      initial: 'Initialising',
      states: {
        Initialising: {
          on: { BackProbe: { target: 'InitWait' } },
        },
        InitWait: {
          on: { BackConnect: { target: 'Connected', guard: peerIn('front', 'Initialised', 'Connected') } },
        },
        Connected: {
          on: { BackClose: { target: 'Closing' } },
        },
        Closing: {
          on: { BackDisconnect: { target: 'Closed', guard: peerIn('front', 'Closed') } },
        },
        Closed: {
          on: { BackReprobe: { target: 'InitWait', guard: peerIn('front', 'Initialising') } },
        },
      },
    },
  },
});
