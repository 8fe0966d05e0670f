import type cytoscape from 'cytoscape';
import type { RelationshipFamily } from '../../../shared/domain/relationship-phrases';
import { KIND_COLOURS } from './svg';

/** How each family of relationship is drawn: colour and dash, so the legend and the canvas agree. */
export const FAMILY_LINES: Record<RelationshipFamily, { colour: string; dash: 'solid' | 'dashed' | 'dotted' }> = {
  structure: { colour: '#8f99a8', dash: 'solid' },
  alliance: { colour: '#3a9e6a', dash: 'solid' },
  break: { colour: '#d1980b', dash: 'dashed' },
  hostility: { colour: '#e05a5e', dash: 'dotted' },
  other: { colour: '#9881f3', dash: 'dashed' },
};

/** Node labels grow with degree so hubs read first; small ones drop out when zoomed far out. */
const LABEL_MIN_PX = 10;
const LABEL_MAX_PX = 16;

/** The chart's stylesheet for the light or the dark theme (a canvas cannot take the page's CSS). */
export function chartStyle(dark: boolean): cytoscape.StylesheetJson {
  const text = dark ? '#f6f7f9' : '#1c2127';
  const textBackground = dark ? '#252a31' : '#ffffff';
  return [
    {
      selector: 'node',
      style: {
        'background-color': (node: cytoscape.NodeSingular) => KIND_COLOURS[node.data('kind') as string] ?? '#5f6b7c',
        label: 'data(label)',
        'font-size': `mapData(degree, 0, 12, ${LABEL_MIN_PX}, ${LABEL_MAX_PX})`,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        width: 18,
        height: 18,
        color: text,
        'text-background-color': textBackground,
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        'min-zoomed-font-size': 6,
        'text-max-width': '140px',
        'text-wrap': 'ellipsis',
      },
    },
    { selector: 'node[hidden > 0]', style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': text } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-style': 'solid', 'border-color': '#fbb360', 'z-index': 10 } },
    {
      selector: 'edge',
      style: {
        width: 1.4,
        'line-color': 'data(colour)',
        'target-arrow-color': 'data(colour)',
        'line-style': 'data(dash)',
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        'font-size': 9,
        color: text,
        'text-background-color': textBackground,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 7,
        'text-rotation': 'autorotate',
      },
    },
    { selector: 'edge.labelled', style: { label: 'data(label)', 'z-index': 5 } },
  ] as unknown as cytoscape.StylesheetJson;
}
