import type { LayoutOptions } from 'cytoscape';

/**
 * The link chart's layout: fCoSE (force-directed, compound-aware, fast). Networks over 300 nodes use the
 * "draft" quality (spectral placement only) plus fCoSE's packing of disconnected parts, which keeps
 * 2,000 nodes readable in well under a few seconds; smaller ones get the full refinement.
 */
export function linkChartLayout(nodeCount: number): LayoutOptions {
  const large = nodeCount > 300;
  return {
    name: 'fcose',
    quality: large ? 'draft' : 'default',
    randomize: true,
    animate: false,
    fit: true,
    padding: 30,
    nodeDimensionsIncludeLabels: false,
    packComponents: true,
    nodeRepulsion: () => 8000,
    idealEdgeLength: () => 90,
    numIter: large ? 1000 : 2500,
    tile: true,
  } as LayoutOptions;
}
