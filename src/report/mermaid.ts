/**
 * The blast-radius graph: protected resources being lost and what depends on
 * them, as a mermaid flowchart GitHub draws in a comment. Node ids are
 * generated (`n0`, `n1`, …); every label is a quoted string whose characters
 * outside a small safe set are mermaid entity codes (`#35;`), so no address
 * can end a label, start markdown or HTML, or break out of the fenced block.
 */

import type { Finding } from '../analysis/types.js';
import { bySeverity, clip, describeAction, losesResource, plural, sanitize, thousands } from './summary.js';

export interface GraphOptions {
  /** Most nodes drawn, the "… N more" node included. */
  maxNodes?: number;
}

export interface Graph {
  /** Mermaid source, without the ``` fence. */
  source: string;
  /** Distinct nodes (lost resources and dependents) drawn and left out. */
  drawn: number;
  omitted: number;
  /** `omitted` is a lower bound: some findings name only part of their dependents. */
  omittedAtLeast: boolean;
}

export const DEFAULT_MAX_NODES = 30;

/** Longest label, in characters; longer addresses lose their middle. */
const MAX_LABEL = 60;

const STYLES = [
  'classDef lost fill:#ffebe9,stroke:#cf222e,stroke-width:2px,color:#1f2328',
  'classDef dependent fill:#fff8c5,stroke:#bf8700,color:#1f2328',
  'classDef more fill:#f6f8fa,stroke:#8c959f,stroke-dasharray:4 3,color:#57606a',
];

interface Node {
  id: string;
  file: string;
  label: string;
  kind: 'lost' | 'dependent';
}

/**
 * The graph of every finding that loses a resource and has dependents, the
 * most severe first, with an edge from each lost resource to each resource or
 * output that depends on it. Undefined when no such finding exists.
 */
export function blastRadiusGraph(findings: readonly Finding[], { maxNodes = DEFAULT_MAX_NODES }: GraphOptions = {}): Graph | undefined {
  const lost = bySeverity(findings.filter((f) => losesResource(f) && f.dependentsTotal > 0));
  if (lost.length === 0) return undefined;
  const budget = Math.max(2, maxNodes);

  const lostByKey = new Map<string, Finding>();
  for (const f of lost) if (!lostByKey.has(key(f.file, f.address))) lostByKey.set(key(f.file, f.address), f);
  const everyNode = new Set<string>(lostByKey.keys());
  for (const f of lost) for (const d of f.dependents) everyNode.add(key(f.file, d));
  // Dependents a finding counts but does not name may be named by another: only a lower bound on all nodes is known.
  const unnamed = (f: Finding) => f.dependentsTotal > f.dependents.length || f.dependentsTotalIsMinimum === true;
  const truncated = lost.filter(unnamed);
  const atLeastNodes = truncated.reduce((n, f) => Math.max(n, f.dependentsTotal + 1), everyNode.size);
  const omittedAtLeast = truncated.some((f) => f.dependentsTotalIsMinimum) || (truncated.length > 0 && lost.length > 1);

  const nodes = new Map<string, Node>();
  const edges: Array<[string, string]> = [];
  const toMore = new Set<string>();
  const add = (k: string, file: string, label: string, kind: Node['kind']): string => {
    let node = nodes.get(k);
    if (!node) nodes.set(k, (node = { id: `n${nodes.size}`, file, label, kind }));
    return node.id;
  };
  // Keep one slot for the "… N more" node when something will be left out.
  const limit = atLeastNodes > budget || truncated.length > 0 ? budget - 1 : budget;
  const room = (): boolean => nodes.size < limit;
  const lostLabel = (f: Finding) => `${mermaidLabel(clip(f.address, MAX_LABEL))}<br/>${mermaidLabel(`${describeAction(f)} · ${f.severity}`)}`;

  for (const f of lost) {
    const own = key(f.file, f.address);
    if (!nodes.has(own) && !room()) break;
    const from = add(own, f.file, lostLabel(f), 'lost');
    if (unnamed(f)) toMore.add(from);
    for (const d of f.dependents) {
      const k = key(f.file, d);
      const existing = nodes.get(k);
      if (existing || room()) {
        // A dependent that is itself a lost protected resource keeps its own (red) node once drawn.
        const other = lostByKey.get(k);
        const to = existing?.id ?? (other ? add(k, f.file, lostLabel(other), 'lost') : add(k, f.file, mermaidLabel(clip(d, MAX_LABEL)), 'dependent'));
        if (to !== from) edges.push([from, to]);
      } else {
        toMore.add(from);
      }
    }
  }

  const omitted = atLeastNodes - nodes.size;
  const more = omitted > 0 || toMore.size > 0;
  const lines = ['flowchart LR', ...STYLES.map((s) => `  ${s}`)];
  const files = [...new Set([...nodes.values()].map((n) => n.file))];
  const declare = (n: Node, indent: string) => `${indent}${n.id}["${n.label}"]`;
  if (files.length > 1) {
    files.forEach((file, i) => {
      lines.push(`  subgraph f${i}["${mermaidLabel(clip(file, MAX_LABEL, 'end'))}"]`);
      for (const n of nodes.values()) if (n.file === file) lines.push(declare(n, '    '));
      lines.push('  end');
    });
  } else {
    for (const n of nodes.values()) lines.push(declare(n, '  '));
  }
  if (more) lines.push(`  more["${mermaidLabel(omitted > 0 ? `… ${omittedAtLeast ? 'at least ' : ''}${thousands(omitted)} more not drawn` : '… more not drawn')}"]`);
  for (const [from, to] of edges) lines.push(`  ${from} --> ${to}`);
  for (const from of toMore) lines.push(`  ${from} -.-> more`);

  const ids = (kind: Node['kind']) => [...nodes.values()].filter((n) => n.kind === kind).map((n) => n.id);
  const lostIds = ids('lost');
  const dependentIds = ids('dependent');
  if (lostIds.length) lines.push(`  class ${lostIds.join(',')} lost`);
  if (dependentIds.length) lines.push(`  class ${dependentIds.join(',')} dependent`);
  if (more) lines.push('  class more more');
  return { source: `${lines.join('\n')}\n`, drawn: nodes.size, omitted, omittedAtLeast };
}

/** One sentence under the graph's heading. */
export function graphLegend(graph: Graph): string {
  const more = graph.omitted > 0 ? `; ${graph.omittedAtLeast ? 'at least ' : ''}${plural(graph.omitted, 'more node')} not drawn` : '';
  return `Red: protected resources being lost. Amber: resources and outputs that depend on them${more}.`;
}

// Characters a quoted mermaid label shows as they are; everything else becomes an entity code.
// `:` is not among them: before drawing, mermaid drops the last `;` of any line
// matching /style.*:\S*#.*;/ or /classDef.*:\S*#.*;/, which would cut an entity code
// in a label such as `x style y:#35;`.
const SAFE = /^[\p{L}\p{N}\p{M} _.,/=+@()[\]{}-]$/u;

/**
 * Text for inside a double-quoted mermaid label. Quotes, `#`, `;`, `:`, `<`,
 * `>`, `&`, backticks, `|` and other punctuation become `#NN;` entity codes (which
 * mermaid decodes to HTML entities); control and invisible characters are
 * first made visible by `sanitize`.
 */
export function mermaidLabel(text: string): string {
  // mermaid rejects an empty quoted label and trims a blank one to empty.
  if (text.trim() === '') return '(empty)';
  let out = '';
  for (const ch of sanitize(text)) out += SAFE.test(ch) ? ch : `#${ch.codePointAt(0) ?? 0};`;
  // mermaid trims a label; spaces at its ends are kept as entity codes.
  return out.replace(/^ +| +$/g, (spaces) => '#32;'.repeat(spaces.length));
}

function key(file: string, address: string): string {
  return `${file}\0${address}`;
}
