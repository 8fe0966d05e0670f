import { tileSpan, type BucketUnit } from '../../../shared/timeline/buckets';
import { aggregateDensity, type DensityBucket, type DensityInput } from '../../../shared/timeline/density';

/** Messages the page sends: the data once per model, then density requests per zoom level and tile. */
export type DensityRequest =
  | { type: 'load'; key: number; starts: Float64Array; ends: Float64Array; points: Uint8Array; groups: Int32Array }
  | { type: 'density'; key: number; unit: BucketUnit; tile: number };

export interface DensityReply {
  key: number;
  unit: BucketUnit;
  tile: number;
  buckets: DensityBucket[];
}

// Aggregation runs here, off the UI thread; each (zoom level, tile) result is kept until the data changes.
let data: { key: number; input: DensityInput } | null = null;
const cache = new Map<string, DensityBucket[]>();

self.onmessage = (message: MessageEvent<DensityRequest>) => {
  const request = message.data;
  if (request.type === 'load') {
    data = { key: request.key, input: { starts: request.starts, ends: request.ends, points: request.points, groups: request.groups } };
    cache.clear();
    return;
  }
  if (!data || data.key !== request.key) return;
  const id = `${request.unit}:${request.tile}`;
  let buckets = cache.get(id);
  if (!buckets) {
    const span = tileSpan(request.tile, request.unit);
    buckets = aggregateDensity(data.input, request.unit, span.from, span.to);
    cache.set(id, buckets);
  }
  const reply: DensityReply = { key: request.key, unit: request.unit, tile: request.tile, buckets };
  self.postMessage(reply);
};
