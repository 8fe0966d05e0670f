import type { EdgeSingular, LayoutOptions, NodeSingular } from 'cytoscape';

/** Degree counted up to this: beyond it a hub needs no more room to stand apart. */
const DEGREE_CAP = 24;

/**
 * The link chart's layout: fCoSE (force-directed, compound-aware, fast). Hubs push harder and their
 * edges run longer, so well-connected actors stand apart with their neighbours around them instead
 * of in one knot; labels count in node sizes, so they do not sit on each other. Networks over 300
 * nodes use the "draft" quality (spectral placement only) plus fCoSE's packing of disconnected
 * parts, which keeps 1,500 nodes quick; smaller ones get the full refinement.
 */
export function linkChartLayout(nodeCount: number): LayoutOptions {
  const large = nodeCount > 300;
  const degree = (node: NodeSingular) => Math.min(node.degree(false), DEGREE_CAP);
  return {
    name: 'fcose',
    quality: large ? 'draft' : 'default',
    randomize: true,
    animate: false,
    fit: true,
    padding: 30,
    nodeDimensionsIncludeLabels: !large,
    packComponents: true,
    nodeSeparation: 75,
    nodeRepulsion: (node: NodeSingular) => 5000 + 1500 * degree(node),
    idealEdgeLength: (edge: EdgeSingular) => 50 + 3 * (degree(edge.source()) + degree(edge.target())),
    edgeElasticity: () => 0.45,
    numIter: large ? 1000 : 2500,
    tile: true,
  } as LayoutOptions;
}
