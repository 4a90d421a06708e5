import { describe, expect, it } from 'vitest';
import { MODELS } from '../../models/index.js';
import { effectsAlongTrace } from '../cost/traceEffects.js';
import { check } from '../explore/check.js';
import { violationsOf } from '../explore/result.js';
import { findDefinition, instantiate } from '../model/definition.js';
import type { Trace } from '../trace/trace.js';
import { diagramLanes, mermaidText, renderSequenceDiagram } from './sequenceDiagram.js';
import { stepRows } from './steps.js';

function counterexample(variant: string, property: string, params: Record<string, unknown> = {}): { trace: Trace; diagram: string } {
  const { model, origin } = instantiate(findDefinition(MODELS, 'blkif'), params, variant);
  const trace = violationsOf(check(model, {}, origin)).find((v) => v.property === property)!.trace!;
  return { trace, diagram: renderSequenceDiagram(trace, stepRows(trace, effectsAlongTrace(model, trace))) };
}

describe('sequence diagrams of counterexamples', () => {
  it('draws the lru counterexample: lanes, one message per step, the breaking step shaded', () => {
    const { diagram } = counterexample('lru', 'unmapOnlyOnDisconnect');
    expect(diagram).toBe(`sequenceDiagram
  participant L_frontend as Frontend
  participant L_backend as Backend
  participant L_hypervisor as Hypervisor
  participant L_tlbs as TLBs
  L_backend->>L_backend: 1. BackProbe
  Note right of L_backend: be: Initialising → InitWait
  L_frontend->>L_frontend: 2. FrontInit
  Note right of L_frontend: fe: Initialising → Initialised
  L_backend->>L_backend: 3. BackConnect
  Note right of L_backend: be: InitWait → Connected<br/>bePers: false → true
  L_frontend->>L_frontend: 4. FrontConnect
  Note right of L_frontend: fe: Initialised → Connected<br/>fePers: false → true<br/>pool: false → true<br/>frameSt[0]: Private → Pool<br/>frameSt[1]: Private → Pool
  L_frontend->>L_hypervisor: 5. FrontSubmitGrant(e=0, s=0, g=0)
  Note over L_frontend,L_hypervisor: gtPermit[0]: false → true<br/>entGref[0]: none → 0<br/>entSlot[0]: none → 0<br/>slot[0]: Idle → Posted
  L_backend->>L_hypervisor: 6. BackMap(s=0) (1 map hypercall op)
  Note over L_backend,L_hypervisor: pin[0]: 0 → 1<br/>slot[0]: Posted → Mapped<br/>slotPers[0]: false → true<br/>tree[0]: Absent → Active
  L_backend->>L_tlbs: 7. BackIo(s=0, c=0) #8212; TLB update
  Note over L_backend,L_tlbs: slot[0]: Mapped → Done<br/>tlb[0][0]: false → true
  L_backend->>L_backend: 8. BackRespond(s=0)
  Note right of L_backend: slot[0]: Done → Responded<br/>slotPers[0]: true → false<br/>tree[0]: Active → Idle
  rect rgba(220, 38, 38, 0.14)
    L_backend->>L_hypervisor: 9. LruPurge(g=0) (1 unmap hypercall op)
    L_hypervisor->>L_tlbs: flush every backend vCPU's TLB (2 IPIs)
    Note over L_backend,L_tlbs: pin[0]: 1 → 0<br/>tree[0]: Idle → Absent<br/>tlb[0][0]: true → false
    Note over L_frontend,L_tlbs: ✗ step 9: action property unmapOnlyOnDisconnect fails at this step
  end
`);
  });

  it('says deadlock at the last step of a deadlock', () => {
    const { diagram } = counterexample('disconnect-on-closing', 'deadlock');
    expect(diagram).toContain('✗ step 7: deadlock: no action is enabled after this step');
    expect(diagram.match(/^ {2}rect /gm)).toHaveLength(1);
  });

  it('escapes what would end a Mermaid statement', () => {
    expect(mermaidText('a; b # c <d> & e')).toBe('a#59; b #35; c #60;d#62; #38; e');
  });

  it('uses the actors of any model as lanes, with self-messages when no hypervisor state changes', () => {
    const trace: Trace = {
      origin: { model: 'two-phase', params: { RM: 1 }, variant: null },
      property: 'consistent',
      kind: 'always',
      path: '0/1',
      steps: [
        { action: null, label: null, actor: null, state: { rm: ['working'], tm: 'init' } },
        { action: { type: 'RMPrepare', rm: 0 }, label: 'RMPrepare(rm=0)', actor: 'rm0', state: { rm: ['prepared'], tm: 'init' } },
        { action: { type: 'TMCommit' }, label: 'TMCommit', actor: 'tm', state: { rm: ['prepared'], tm: 'committed' } },
      ],
    };
    const rows = stepRows(trace, null);
    expect(diagramLanes(trace, rows)).toEqual(['rm0', 'tm']);
    const d = renderSequenceDiagram(trace, rows);
    expect(d).toContain('  L_rm0->>L_rm0: 1. RMPrepare(rm=0)\n  Note right of L_rm0: rm[0]: working → prepared\n');
    expect(d).toContain('    L_tm->>L_tm: 2. TMCommit\n');
    expect(d).toContain('Note over L_rm0,L_tm: ✗ step 2: invariant consistent fails here');
  });
});
