import { tilesCovering, type BucketUnit } from '../../../shared/timeline/buckets';
import type { DensityBucket } from '../../../shared/timeline/density';
import type { DensityReply, DensityRequest } from './density.worker';
import type { TimelineModel } from './model';

/**
 * The page's side of the density worker: sends the model once, asks per zoom level and tile,
 * and keeps every answer so returning to a zoom level or a place costs nothing.
 */
export class DensityClient {
  private readonly worker = new Worker(new URL('./density.worker.ts', import.meta.url), { type: 'module' });
  private key = 0;
  private readonly cache = new Map<string, DensityBucket[]>();
  private readonly waiting = new Map<string, Array<(buckets: DensityBucket[]) => void>>();

  constructor() {
    this.worker.onmessage = (message: MessageEvent<DensityReply>) => {
      const { key, unit, tile, buckets } = message.data;
      if (key !== this.key) return;
      const id = `${unit}:${tile}`;
      this.cache.set(id, buckets);
      for (const resolve of this.waiting.get(id) ?? []) resolve(buckets);
      this.waiting.delete(id);
    };
  }

  /** Hands the worker a new model (copies of its arrays); earlier answers are dropped. */
  load(model: TimelineModel): void {
    this.key += 1;
    this.cache.clear();
    this.waiting.clear();
    const request: DensityRequest = { type: 'load', key: this.key, starts: model.starts.slice(), ends: model.ends.slice(), points: model.points.slice(), groups: model.groupIndex.slice() };
    this.worker.postMessage(request, [request.starts.buffer, request.ends.buffer, request.points.buffer, request.groups.buffer]);
  }

  /** The buckets of [from, to) at a zoom level when every tile is cached already. */
  cached(unit: BucketUnit, from: number, to: number): DensityBucket[] | undefined {
    const out: DensityBucket[] = [];
    for (const tile of tilesCovering(from, to, unit)) {
      const hit = this.cache.get(`${unit}:${tile}`);
      if (!hit) return undefined;
      out.push(...hit);
    }
    return out;
  }

  density(unit: BucketUnit, from: number, to: number): Promise<DensityBucket[]> {
    return Promise.all(tilesCovering(from, to, unit).map((tile) => this.tile(unit, tile))).then((parts) => parts.flat());
  }

  private tile(unit: BucketUnit, tile: number): Promise<DensityBucket[]> {
    const id = `${unit}:${tile}`;
    const hit = this.cache.get(id);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve) => {
      const list = this.waiting.get(id);
      if (list) {
        list.push(resolve);
        return;
      }
      this.waiting.set(id, [resolve]);
      const request: DensityRequest = { type: 'density', key: this.key, unit, tile };
      this.worker.postMessage(request);
    });
  }

  dispose(): void {
    this.worker.terminate();
  }
}
