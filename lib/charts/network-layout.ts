/**
 * Deterministic node positions for network charts: nodes start on a circle, grouped by
 * community, and a fixed number of force-directed steps (Fruchterman–Reingold, no randomness)
 * pull linked nodes together. The same graph always gives the same picture.
 */

/** A node to place, with its group (community; null = none). */
export interface LayoutNode {
  id: string;
  group: number | null;
}

/** An undirected link between two node IDs. */
export interface LayoutLink {
  a: string;
  b: string;
  weight: number;
}

/** Options of `networkLayout`. */
export interface NetworkLayoutOptions {
  /** Force-directed steps after the circle; default 100, 0 keeps the grouped circle. */
  iterations?: number;
}

/**
 * Positions in [-1, 1]² (rounded to 4 decimals), keyed by node ID. Nodes are put on the unit
 * circle in order of group (1, 2, … then none) and ID, counter-clockwise from (1, 0); then
 * `iterations` force steps move them, and the result is centred and scaled to fit the square.
 * Independent of the order nodes and links are given in.
 *
 * @example
 * networkLayout([{ id: 'a', group: 1 }, { id: 'b', group: 1 }], [{ a: 'a', b: 'b', weight: 1 }], { iterations: 0 })
 * // a at (1, 0), b at (-1, 0)
 */
export function networkLayout(nodes: readonly LayoutNode[], links: readonly LayoutLink[], options: NetworkLayoutOptions = {}): Map<string, [number, number]> {
  const ordered = [...nodes].sort(
    (p, q) => (p.group ?? Infinity) - (q.group ?? Infinity) || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0),
  );
  const n = ordered.length;
  const index = new Map(ordered.map((node, i) => [node.id, i]));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  ordered.forEach((_, i) => {
    x[i] = Math.cos((2 * Math.PI * i) / n);
    y[i] = Math.sin((2 * Math.PI * i) / n);
  });

  const springs = links
    .map((l) => [index.get(l.a), index.get(l.b), l.weight] as const)
    .filter((s): s is readonly [number, number, number] => s[0] !== undefined && s[1] !== undefined && s[0] !== s[1] && s[2] > 0)
    .sort((s, t) => s[0] - t[0] || s[1] - t[1] || s[2] - t[2]);
  const maxLog = Math.max(1e-9, ...springs.map((s) => Math.log1p(s[2])));
  forceSteps(x, y, springs, maxLog, options.iterations ?? 100);

  const cx = n > 0 ? x.reduce((a, b) => a + b, 0) / n : 0;
  const cy = n > 0 ? y.reduce((a, b) => a + b, 0) / n : 0;
  let extent = 0;
  for (let i = 0; i < n; i++) extent = Math.max(extent, Math.abs(x[i] - cx), Math.abs(y[i] - cy));
  const scale = extent > 0 ? 1 / extent : 1;
  const round = (v: number) => Math.round(v * 1e4) / 1e4 + 0; // + 0 turns -0 into 0
  return new Map(ordered.map((node, i) => [node.id, [round((x[i] - cx) * scale), round((y[i] - cy) * scale)]]));
}

/** Fruchterman–Reingold steps in place: all pairs repel, springs attract (heavier links more), the step shrinks linearly. */
function forceSteps(x: Float64Array, y: Float64Array, springs: ReadonlyArray<readonly [number, number, number]>, maxLog: number, iterations: number): void {
  const n = x.length;
  if (n < 2) return;
  const k = Math.sqrt(4 / n); // ideal distance in a 2 x 2 square
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let step = 0; step < iterations; step++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ex = x[i] - x[j];
        let ey = y[i] - y[j];
        let d = Math.hypot(ex, ey);
        if (d < 1e-6) {
          // Coincident nodes: push apart along a fixed direction so the result stays deterministic.
          ex = 1e-3 * (j - i);
          ey = 1e-3;
          d = Math.hypot(ex, ey);
        }
        const f = (k * k) / d / d;
        dx[i] += ex * f;
        dy[i] += ey * f;
        dx[j] -= ex * f;
        dy[j] -= ey * f;
      }
    }
    for (const [a, b, w] of springs) {
      const ex = x[a] - x[b];
      const ey = y[a] - y[b];
      const d = Math.hypot(ex, ey);
      const f = (d / k) * (0.5 + Math.log1p(w) / maxLog);
      dx[a] -= ex * f;
      dy[a] -= ey * f;
      dx[b] += ex * f;
      dy[b] += ey * f;
    }
    const temperature = 0.1 * (1 - step / iterations);
    for (let i = 0; i < n; i++) {
      const length = Math.hypot(dx[i], dy[i]);
      if (length === 0) continue;
      const move = Math.min(length, temperature) / length;
      x[i] += dx[i] * move;
      y[i] += dy[i] * move;
      // Gravity towards the centre keeps unlinked parts from drifting away.
      x[i] *= 0.99;
      y[i] *= 0.99;
    }
  }
}
