import { GT_EFFECTS, grantTableShape } from '../../models/xen/hypervisor/grantTable.js';
import { TLB_EFFECTS, tlbShape } from '../../models/xen/hypervisor/tlb.js';
import type { Trace } from '../trace/trace.js';
import { breakText, type StepRow } from './steps.js';

/**
 * The lanes of a counterexample's sequence diagram: the parties that act (the model's
 * `actorOf`), plus the hypervisor's grant table and the TLBs when the state has them.
 * A step is a message from its actor to the part of the hypervisor it changed (grant
 * table fields or map/unmap hypercalls: Hypervisor; TLB fields or flushes: TLBs), or a
 * message to itself when it changed only its own party's state.
 */
const HYPERVISOR = 'hypervisor';
const TLBS = 'tlbs';
const GRANT_TABLE_FIELDS = new Set(Object.keys(grantTableShape(1, 1, 1)));
const TLB_FIELDS = new Set(Object.keys(tlbShape(1, 1)));
const HYPERCALLS = [
  [GT_EFFECTS.map, 'map'],
  [GT_EFFECTS.unmap, 'unmap'],
] as const;
const LANE_ORDER = ['frontend', 'backend', HYPERVISOR, TLBS];
const LANE_NAMES: Record<string, string> = { frontend: 'Frontend', backend: 'Backend', hypervisor: 'Hypervisor', tlbs: 'TLBs' };

/** Mermaid's own escapes (`#59;`) for characters that would end or break a message. */
export function mermaidText(s: string): string {
  return s.replace(/[#;<>&]/g, (c) => `#${c.charCodeAt(0)};`);
}

function laneId(lane: string): string {
  return `L_${lane.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

function laneName(lane: string): string {
  return LANE_NAMES[lane] ?? lane;
}

function stateFields(trace: Trace): Set<string> {
  const s = trace.steps[0]!.state;
  return new Set(s !== null && typeof s === 'object' && !Array.isArray(s) ? Object.keys(s) : []);
}

interface StepLanes {
  readonly actor: string;
  readonly hypervisor: boolean;
  readonly tlbs: boolean;
}

function lanesOf(row: StepRow): StepLanes {
  return {
    actor: row.actor ?? 'model',
    hypervisor: row.changes.some((c) => GRANT_TABLE_FIELDS.has(c.field)) || HYPERCALLS.some(([e]) => (row.effects[e] ?? 0) > 0),
    tlbs: row.changes.some((c) => TLB_FIELDS.has(c.field)) || (row.effects[TLB_EFFECTS.flush] ?? 0) > 0,
  };
}

/** The lanes in display order: frontend, backend, hypervisor, TLBs, then any other actor in order of appearance. */
export function diagramLanes(trace: Trace, rows: readonly StepRow[]): string[] {
  const fields = stateFields(trace);
  const seen = new Set<string>();
  for (const r of rows) seen.add(lanesOf(r).actor);
  if ([...GRANT_TABLE_FIELDS].some((f) => fields.has(f))) seen.add(HYPERVISOR);
  if ([...TLB_FIELDS].some((f) => fields.has(f))) seen.add(TLBS);
  const known = LANE_ORDER.filter((l) => seen.has(l));
  return [...known, ...[...seen].filter((l) => !LANE_ORDER.includes(l))];
}

function hypercallText(row: StepRow): string {
  const parts = HYPERCALLS.flatMap(([e, name]) => {
    const n = row.effects[e] ?? 0;
    return n > 0 ? [`${n} ${name} hypercall op${n === 1 ? '' : 's'}`] : [];
  });
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function tlbText(row: StepRow): string {
  const flushes = row.effects[TLB_EFFECTS.flush] ?? 0;
  if (flushes > 0) return `flush every backend vCPU's TLB (${row.effects[TLB_EFFECTS.ipi] ?? 0} IPIs)`;
  return 'TLB update';
}

/**
 * The counterexample as a Mermaid `sequenceDiagram`: one message per step, numbered as
 * in the step list, with a note of what changed; the breaking step is shaded and says
 * which property fails there.
 */
export function renderSequenceDiagram(trace: Trace, rows: readonly StepRow[]): string {
  const lanes = diagramLanes(trace, rows);
  const first = laneId(lanes[0]!);
  const lastLane = laneId(lanes[lanes.length - 1]!);
  const out = ['sequenceDiagram'];
  for (const l of lanes) out.push(`  participant ${laneId(l)} as ${mermaidText(laneName(l))}`);
  if (rows.length === 0) out.push(`  Note over ${first},${lastLane}: ${mermaidText(`the initial state: ${breakText(trace)}`)}`);
  for (const row of rows) {
    const l = lanesOf(row);
    const a = laneId(l.actor);
    const label = mermaidText(`${row.index}. ${row.label}`);
    const indent = row.breaks ? '    ' : '  ';
    const lines: string[] = [];
    let to = a;
    if (l.hypervisor && l.actor !== HYPERVISOR) {
      to = laneId(HYPERVISOR);
      lines.push(`${a}->>${to}: ${label}${mermaidText(hypercallText(row))}`);
    }
    if (l.tlbs) {
      const from = to;
      to = laneId(TLBS);
      lines.push(from === a ? `${a}->>${to}: ${label} #8212; ${mermaidText(tlbText(row))}` : `${from}->>${to}: ${mermaidText(tlbText(row))}`);
    }
    if (lines.length === 0) lines.push(`${a}->>${a}: ${label}`);
    const changes = row.changes.length ? row.changes.map((c) => mermaidText(c.text)).join('<br/>') : 'no change (a self-loop)';
    lines.push(to === a ? `Note right of ${a}: ${changes}` : `Note over ${a},${to}: ${changes}`);
    if (row.breaks) {
      out.push('  rect rgba(220, 38, 38, 0.14)');
      lines.push(`Note over ${first},${lastLane}: ${mermaidText(`✗ step ${row.index}: ${breakText(trace)}`)}`);
    }
    for (const line of lines) out.push(indent + line);
    if (row.breaks) out.push('  end');
  }
  return out.join('\n') + '\n';
}
