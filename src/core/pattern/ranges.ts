/** Sets of code points as lists of inclusive ranges. */

export type Range = readonly [number, number];

export const MAX_CODE_POINT = 0x10ffff;

/** Sorted, merged ranges, for binary search. */
export function normalize(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** Every code point the ranges leave out. */
export function negate(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of normalize(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/** Whether `code` is in `ranges`, which must be normalized. */
export function inRanges(ranges: readonly Range[], code: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (code < ranges[mid][0]) hi = mid - 1;
    else if (code > ranges[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** How many code points the ranges hold. */
export function sizeOf(ranges: readonly Range[]): number {
  return ranges.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
}

/** Every code point of the ranges, in order; for small sets only. */
export function membersOf(ranges: readonly Range[]): number[] {
  const members: number[] = [];
  for (const [lo, hi] of ranges) for (let c = lo; c <= hi; c++) members.push(c);
  return members;
}
