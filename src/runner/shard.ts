// `--shard i/n`: splits work across machines by a hash of an id (the runner passes suite ids, so a suite's
// setup, teardown and shared captures stay on one machine); an id lands in the same shard whatever else is
// selected, added or reordered.
import { createHash } from 'node:crypto';
import { UsageError } from '../common/errors.js';

export interface Shard {
  /** 1-based: `--shard 1/4` … `--shard 4/4`. */
  readonly index: number;
  readonly total: number;
}

export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) {
    throw new UsageError(
      `--shard must be "i/n" with 1 ≤ i ≤ n, e.g. "2/4" for the second of four machines (got "${text}")`,
    );
  }
  return { index, total };
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.total}`;
}

/** True when the suite (or scenario) with this id belongs to this shard. */
export function inShard(id: string, shard: Shard): boolean {
  return shardOf(id, shard.total) === shard.index;
}

/** The 1-based shard an id belongs to when the run is split `total` ways. */
export function shardOf(id: string, total: number): number {
  const digest = createHash('sha256').update(id, 'utf8').digest();
  return (digest.readUInt32BE(0) % total) + 1;
}
