import cytoscape, { type Core } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { humanize } from '../../components/format';
import type { ChartGraph } from '../../../shared/domain/link-chart';
import { linkChartLayout } from './layout';
import { chartSvg, KIND_COLOURS } from './svg';

cytoscape.use(fcose);

export interface LinkChartCanvasProps {
  /** The nodes and edges to draw. */
  graph: ChartGraph;
  /** Called when the analyst clicks (taps) a node. */
  onOpen(id: string): void;
  /** Called after each layout with how long it took, in ms. */
  onLaidOut?(ms: number): void;
}

/** What the toolbar can ask of the chart. */
export interface LinkChartHandle {
  svg(title: string): string | null;
  png(): Promise<Blob | null>;
  fit(): void;
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': (node: cytoscape.NodeSingular) => KIND_COLOURS[node.data('kind') as string] ?? '#5f6b7c',
      label: 'data(label)',
      'font-size': 10,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      width: 18,
      height: 18,
      color: '#8f99a8',
      'min-zoomed-font-size': 7,
      'text-max-width': '140px',
      'text-wrap': 'ellipsis',
    },
  },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#fbb360' } },
  {
    selector: 'edge',
    style: {
      width: 1.2,
      'line-color': '#8f99a8',
      'target-arrow-color': '#8f99a8',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-size': 7,
      color: '#738091',
      'min-zoomed-font-size': 9,
      'text-rotation': 'autorotate',
    },
  },
] as unknown as cytoscape.StylesheetJson;

/** The Cytoscape canvas of the link chart, laid out with fCoSE whenever the graph changes. */
export const LinkChartCanvas = forwardRef<LinkChartHandle, LinkChartCanvasProps>(function LinkChartCanvas({ graph, onOpen, onLaidOut }, ref) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  useEffect(() => {
    if (!container.current) return;
    const core = cytoscape({ container: container.current, style: STYLE, minZoom: 0.05, maxZoom: 4, hideEdgesOnViewport: true, textureOnViewport: true, wheelSensitivity: 0.3 });
    core.on('tap', 'node', (e) => onOpenRef.current(e.target.id() as string));
    cy.current = core;
    return () => {
      core.destroy();
      cy.current = null;
    };
  }, []);

  useEffect(() => {
    const core = cy.current;
    if (!core) return;
    core.batch(() => {
      core.elements().remove();
      core.add([
        ...graph.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, label: n.label, kind: n.kind } })),
        ...graph.edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target, label: humanize(e.type) } })),
      ]);
    });
    const started = performance.now();
    if (graph.nodes.length > 0) core.layout(linkChartLayout(graph.nodes.length)).run();
    onLaidOut?.(performance.now() - started);
  }, [graph, onLaidOut]);

  useImperativeHandle(ref, () => ({
    svg: (title) => {
      const core = cy.current;
      if (!core) return null;
      const nodes = core.nodes().map((n) => ({ id: n.id(), label: n.data('label') as string, kind: n.data('kind') as string, ...n.position() }));
      const edges = core.edges().map((e) => ({ source: e.source().id(), target: e.target().id(), label: e.data('label') as string }));
      return chartSvg(nodes, edges, title);
    },
    png: async () => (cy.current ? ((await cy.current.png({ output: 'blob-promise', full: true, scale: 2, bg: '#ffffff' })) as Blob) : null),
    fit: () => cy.current?.fit(undefined, 30),
  }));

  return <div ref={container} className="cf-linkchart-canvas" role="img" aria-label={`Link chart: ${graph.nodes.length} actors, ${graph.edges.length} relationships`} data-nodes={graph.nodes.length} data-edges={graph.edges.length} />;
});
