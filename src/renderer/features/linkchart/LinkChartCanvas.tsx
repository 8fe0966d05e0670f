import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { forwardRef, useEffect, useImperativeHandle, useRef, type KeyboardEvent } from 'react';
import type { ChartGraph } from '../../../shared/domain/link-chart';
import { relationshipPhrases } from '../../../shared/domain/relationship-phrases';
import { useDarkBody } from '../../components/useDarkBody';
import { chartStyle, FAMILY_LINES } from './chart-style';
import { linkChartLayout } from './layout';
import { chartSvg } from './svg';

cytoscape.use(fcose);

export interface LinkChartCanvasProps {
  /** The nodes and edges to draw. */
  graph: ChartGraph;
  /** Called when the analyst clicks (taps) a node or presses Enter on the selected one. */
  onOpen(id: string): void;
  /** Called to show a node's neighbours (right-click, or E on the selected node). */
  onExpand(id: string): void;
  /** Called when the selected node changes (null: none). */
  onSelect(id: string | null): void;
  /** Label every relationship; otherwise only those of the selected or pointed-at actor. */
  labelAllEdges: boolean;
  /** Called after each layout with how long it took, in ms. */
  onLaidOut?(ms: number): void;
}

/** What the toolbar can ask of the chart. */
export interface LinkChartHandle {
  svg(title: string): string | null;
  png(): Promise<Blob | null>;
  fit(): void;
  /** Selects a node and brings it into view. */
  select(id: string): void;
}

const KEY_HELP = 'Arrow keys move between actors, Enter opens the selected actor, E shows its neighbours, Escape clears the selection.';

/** The Cytoscape canvas of the link chart, laid out with fCoSE whenever the graph changes. */
export const LinkChartCanvas = forwardRef<LinkChartHandle, LinkChartCanvasProps>(function LinkChartCanvas({ graph, onOpen, onExpand, onSelect, labelAllEdges, onLaidOut }, ref) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const dark = useDarkBody();
  const handlers = useRef({ onOpen, onExpand, onSelect });
  handlers.current = { onOpen, onExpand, onSelect };
  const labelAll = useRef(labelAllEdges);
  labelAll.current = labelAllEdges;

  useEffect(() => {
    if (!container.current) return;
    const core = cytoscape({ container: container.current, minZoom: 0.05, maxZoom: 4, hideEdgesOnViewport: true, textureOnViewport: true, wheelSensitivity: 0.3, selectionType: 'single', boxSelectionEnabled: false });
    core.on('tap', 'node', (e) => handlers.current.onOpen(e.target.id() as string));
    core.on('cxttap', 'node', (e) => handlers.current.onExpand(e.target.id() as string));
    core.on('select unselect', 'node', () => {
      const selected = core.nodes(':selected');
      handlers.current.onSelect(selected.nonempty() ? selected.first().id() : null);
      markLabelled(core, labelAll.current);
    });
    core.on('mouseover', 'node', (e) => (e.target as NodeSingular).connectedEdges().addClass('labelled'));
    core.on('mouseout', 'node', () => markLabelled(core, labelAll.current));
    cy.current = core;
    return () => {
      core.destroy();
      cy.current = null;
    };
  }, []);

  useEffect(() => {
    cy.current?.style(chartStyle(dark));
  }, [dark]);

  useEffect(() => {
    if (cy.current) markLabelled(cy.current, labelAllEdges);
  }, [labelAllEdges]);

  useEffect(() => {
    const core = cy.current;
    if (!core) return;
    const degree = new Map<string, number>();
    for (const e of graph.edges) for (const end of [e.source, e.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
    const selected = core.nodes(':selected').map((n) => n.id());
    core.batch(() => {
      core.elements().remove();
      core.add([
        ...graph.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, label: n.label, kind: n.kind, degree: degree.get(n.id) ?? 0, hidden: n.hidden ?? 0 } })),
        ...graph.edges.map((e) => {
          const phrases = relationshipPhrases(e.type);
          const line = FAMILY_LINES[phrases.family];
          return { group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target, label: phrases.active, colour: line.colour, dash: line.dash } };
        }),
      ]);
      for (const id of selected) core.getElementById(id).select();
    });
    markLabelled(core, labelAll.current);
    const started = performance.now();
    if (graph.nodes.length > 0) core.layout(linkChartLayout(graph.nodes.length)).run();
    onLaidOut?.(performance.now() - started);
  }, [graph, onLaidOut]);

  const selectNode = (id: string) => {
    const core = cy.current;
    const node = core?.getElementById(id);
    if (!core || !node || node.empty()) return;
    core.nodes(':selected').unselect();
    node.select();
    const box = core.extent();
    const { x, y } = node.position();
    if (x < box.x1 || x > box.x2 || y < box.y1 || y > box.y2) core.center(node);
  };

  useImperativeHandle(ref, () => ({
    svg: (title) => {
      const core = cy.current;
      if (!core) return null;
      const nodes = core.nodes().map((n) => ({ id: n.id(), label: n.data('label') as string, kind: n.data('kind') as string, ...n.position() }));
      const edges = core.edges().map((e) => ({ source: e.source().id(), target: e.target().id(), label: e.data('label') as string, colour: e.data('colour') as string, dash: e.data('dash') as string }));
      return chartSvg(nodes, edges, title);
    },
    png: async () => (cy.current ? ((await cy.current.png({ output: 'blob-promise', full: true, scale: 2, bg: dark ? '#1c2127' : '#ffffff' })) as Blob) : null),
    fit: () => cy.current?.fit(undefined, 30),
    select: selectNode,
  }));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const core = cy.current;
    if (!core || core.nodes().empty()) return;
    const order = core.nodes().sort((a, b) => String(a.data('label')).localeCompare(String(b.data('label'))));
    const current = core.nodes(':selected').first();
    const at = current.nonempty() ? order.toArray().findIndex((n) => n.id() === current.id()) : -1;
    const step = (by: number) => selectNode((order[(at + by + order.length) % order.length] as NodeSingular).id());
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') step(1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') step(at < 0 ? 0 : -1);
    else if (event.key === 'Enter' && current.nonempty()) onOpen(current.id());
    else if ((event.key === 'e' || event.key === 'E') && current.nonempty()) onExpand(current.id());
    else if (event.key === 'Escape' && current.nonempty()) core.nodes(':selected').unselect();
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={container}
      className="cf-linkchart-canvas"
      role="application"
      tabIndex={0}
      aria-label={`Link chart: ${graph.nodes.length} actors, ${graph.edges.length} relationships. ${KEY_HELP}`}
      data-nodes={graph.nodes.length}
      data-edges={graph.edges.length}
      onKeyDown={onKeyDown}
    />
  );
});

/** Labels the edges of the selected node (or every edge), leaving the rest unlabelled so labels do not pile up. */
function markLabelled(core: Core, all: boolean): void {
  core.batch(() => {
    core.edges().removeClass('labelled');
    if (all) core.edges().addClass('labelled');
    else core.nodes(':selected').connectedEdges().addClass('labelled');
  });
}
