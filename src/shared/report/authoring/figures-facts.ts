import type { BodyNode } from '../../domain/written-report';
import type { Block, Run } from '../document';
import { stringAttr } from './body-walk';
import { computeFacts, formatFactValue, parseFactSpec } from './fact-spec';
import { computeFigure, parseFigureSpec } from './figure-spec';
import type { CompiledLive, LiveNodeContext } from './live-nodes';

/**
 * The report compiler's view of figures, cross-references and living numbers (live-nodes.ts):
 * each is drawn again from the case the export may show (records above the maximum marking are
 * already cut from `ctx.input`), so an export never carries a number or a chart the case no
 * longer gives. live-node-compilers.ts lists them.
 */

/** A figure: the chart (or map) block, then "Figure n. caption" and its source line. */
export function compileFigure(node: BodyNode, ctx: LiveNodeContext): CompiledLive {
  const n = ctx.figureNumber(stringAttr(node, 'id'));
  if (n === undefined) return { blocks: [], leftOut: [] };
  const parsed = parseFigureSpec(node.attrs?.['spec']);
  const caption = stringAttr(node, 'caption').trim();
  const captionBlock: Block = { type: 'paragraph', role: 'caption', runs: [{ text: `Figure ${n}.`, strong: true }, ...(caption ? [{ text: ` ${caption}` }] : [])] };
  if (!parsed.ok) return { blocks: [{ type: 'paragraph', runs: [{ text: `[Figure ${n} could not be drawn: ${parsed.error}.]` }] }, captionBlock], leftOut: [] };
  const data = computeFigure(parsed.spec, ctx.input.events, ctx.input.series);
  const blocks: Block[] = [data.kind === 'map' ? { type: 'map', map: data.map } : { type: 'chart', chart: data.chart }, captionBlock];
  const source = stringAttr(node, 'sourceLine').trim();
  if (source) blocks.push({ type: 'paragraph', runs: [{ text: source }] });
  return { blocks, leftOut: [] };
}

/** "Figure 2", or what became of the figure it pointed at. */
export function compileFigureRef(node: BodyNode, ctx: LiveNodeContext): Run[] {
  const n = ctx.figureNumber(stringAttr(node, 'figureId'));
  return [{ text: n === undefined ? '[figure not included]' : `Figure ${n}` }];
}

/** A living number: its value in the case now (not the one confirmed: a report never prints a stale number silently). */
export function compileFact(node: BodyNode, ctx: LiveNodeContext): Run[] {
  const parsed = parseFactSpec(node.attrs?.['spec']);
  if (!parsed.ok) return [{ text: '[no value]' }];
  const [value] = computeFacts([parsed.spec], ctx.input.events, ctx.input.series);
  return [{ text: formatFactValue(value) }];
}

