import type { DensityBucket } from '../../../shared/timeline/density';
import type { TimeWindow } from './chartWindow';
import { densityShapes, densitySummary, type BarShape, type RowBand } from './densityShapes';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** One bar's elements and the values last written to them, by slot (a write is made only on a change). */
interface BarElements {
  group: SVGGElement;
  rect: SVGRectElement;
  text: SVGTextElement;
  title: SVGTitleElement;
  written: string[];
}

/** Sets `name` (or, for '#text', the text) of `element` to `value` unless slot `slot` of the bar already holds it. */
function write(bar: BarElements, slot: number, element: Element, name: string, value: string): void {
  if (bar.written[slot] === value) return;
  bar.written[slot] = value;
  if (name === '#text') element.textContent = value;
  else element.setAttribute(name, value);
}

function barElements(): BarElements {
  const group = document.createElementNS(SVG_NS, 'g');
  const title = document.createElementNS(SVG_NS, 'title');
  const rect = document.createElementNS(SVG_NS, 'rect');
  const text = document.createElementNS(SVG_NS, 'text');
  rect.setAttribute('rx', '2');
  text.setAttribute('text-anchor', 'middle');
  text.setAttribute('dominant-baseline', 'central');
  group.append(title, rect, text);
  return { group, rect, text, title, written: [] };
}

/**
 * The density bars, drawn as one SVG over vis-timeline's item area instead of as its items:
 * vis-timeline lays out and measures every item it is given (a forced layout each), while this
 * layer writes only the attributes that changed, so a zoom or pan step costs one redraw. It sits
 * inside the item area (`.vis-itemset`), so it scrolls with the rows; horizontal positions are
 * percentages of the window, so `place` is called whenever vis-timeline redraws (a drag, a
 * resize, rows laid out again) and moves the bars with it. Text goes in with textContent only.
 */
export class DensityLayer {
  private readonly svg: SVGSVGElement;
  private readonly pool: BarElements[] = [];
  private readonly resize: ResizeObserver;
  private bars: readonly DensityBucket[] = [];
  /** The bar each drawn element stands for (bars whose row is not laid out are left out). */
  private shown: DensityBucket[] = [];
  private window: TimeWindow | null = null;
  private widthPx = 0;
  private frame = 0;

  constructor(
    itemArea: HTMLElement,
    private readonly rows: (group: number) => RowBand | null,
  ) {
    this.svg = document.createElementNS(SVG_NS, 'svg');
    this.svg.setAttribute('class', 'cf-density-layer');
    this.svg.setAttribute('role', 'img');
    this.svg.style.display = 'none';
    itemArea.append(this.svg);
    this.resize = new ResizeObserver((entries) => {
      const width = entries[entries.length - 1]?.contentRect.width ?? 0;
      if (width === this.widthPx) return;
      this.widthPx = width;
      if (this.window) this.place(this.window);
    });
    this.resize.observe(this.svg);
  }

  /**
   * Draws `bars` (main's or the held tiles' answer for `window`) in place of those drawn, in the
   * next frame: after vis-timeline's own redraw for the same move (asked for earlier, so run
   * first), whose layout reads then do not lay out the bars too; the frame lays them out once.
   */
  draw(bars: readonly DensityBucket[], window: TimeWindow): void {
    this.bars = bars;
    this.window = window;
    this.svg.setAttribute('aria-label', densitySummary(bars));
    if (this.frame === 0) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        if (this.window) this.place(this.window);
      });
    }
  }

  /** Places the bars drawn for the window now shown (after vis-timeline moved or laid out its rows). */
  place(window: TimeWindow): void {
    this.window = window;
    if (this.bars.length === 0) {
      this.svg.style.display = 'none';
      return;
    }
    this.svg.style.display = '';
    // The item area's width only decides whether counts fit; read once, then kept by the observer.
    if (this.widthPx === 0) this.widthPx = this.svg.getBoundingClientRect().width;
    const shapes = densityShapes(this.bars, window, this.rows, this.widthPx);
    this.shown = shapes.map((shape) => shape.bar);
    let bottom = 0;
    shapes.forEach((shape, i) => {
      const bar = this.pool[i] ?? this.grow();
      this.writeBar(bar, shape, i);
      bottom = Math.max(bottom, shape.y + shape.height);
    });
    for (let i = shapes.length; i < this.pool.length; i++) write(this.pool[i]!, 0, this.pool[i]!.group, 'display', 'none');
    this.svg.style.height = `${Math.ceil(bottom)}px`;
  }

  /** Shows no bars (the window is drawn as events). */
  clear(): void {
    this.bars = [];
    this.shown = [];
    this.svg.style.display = 'none';
  }

  /** The bar a pointer event's target belongs to, or null when it is not on a bar. */
  barAt(target: EventTarget | null | undefined): DensityBucket | null {
    if (!(target instanceof Element) || !this.svg.contains(target)) return null;
    const index = target.closest('[data-bar]')?.getAttribute('data-bar');
    return index === null || index === undefined ? null : (this.shown[Number(index)] ?? null);
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.resize.disconnect();
    this.svg.remove();
  }

  private grow(): BarElements {
    const bar = barElements();
    this.pool.push(bar);
    this.svg.append(bar.group);
    return bar;
  }

  private writeBar(bar: BarElements, shape: BarShape, index: number): void {
    write(bar, 0, bar.group, 'display', 'inline');
    write(bar, 1, bar.group, 'class', `cf-density cf-density-${shape.level}`);
    write(bar, 2, bar.group, 'data-bar', String(index));
    write(bar, 3, bar.title, '#text', shape.tip);
    write(bar, 4, bar.rect, 'x', `${shape.x}%`);
    write(bar, 5, bar.rect, 'width', `${shape.width}%`);
    write(bar, 6, bar.rect, 'y', String(shape.y));
    write(bar, 7, bar.rect, 'height', String(shape.height));
    write(bar, 8, bar.text, 'x', `${shape.x + shape.width / 2}%`);
    write(bar, 9, bar.text, 'y', String(shape.y + shape.height / 2));
    write(bar, 10, bar.text, '#text', shape.label);
  }
}
