// Primary pipe network of the demo city: a tree per heat source, diameters by load, valves, tie lines.
import { haversineM } from '../../lib/geo.ts';
import { at, pad, type CityPlan } from './city-plan.ts';
import { round6 } from './geo.ts';
import { growTree, type LocalPipe, type NodeKind } from './network-tree.ts';
import { createRng, type Rng } from './prng.ts';

export type NodePlan = {
  id: number;
  code: string;
  enterpriseId: number;
  kind: NodeKind;
  /** set on the source node only */
  heatSourceId: number | null;
  /** set on station nodes only */
  stationId: number | null;
  lon: number;
  lat: number;
};
export type PipePlan = {
  id: number;
  code: string;
  enterpriseId: number;
  fromNodeId: number;
  toNodeId: number;
  diameterMm: number;
  lengthM: number;
  builtYear: number;
  /** JSON text of [[lon, lat], …] */
  coordinates: string;
};
export type ValvePlan = {
  id: number;
  code: string;
  enterpriseId: number;
  pipeId: number;
  nodeId: number;
  kind: 'gate' | 'butterfly' | 'ball';
  status: 'open' | 'closed';
  lon: number;
  lat: number;
};
export type NetworkPlan = { nodes: NodePlan[]; pipes: PipePlan[]; valves: ValvePlan[]; tieLines: number };

/** Tie lines between networks longer than this are not built (except the first). */
const MAX_TIE_M = 4000;

const DN_LADDER = [150, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 900, 1000, 1200] as const;
/** Primary design ΔT (e.g. 120/60 ℃) in K and water heat capacity kJ/(kg·K) (SPEC §5). */
const PRIMARY_DELTA_T = 60;
const WATER_C = 4.1868;

/** Heat a pipe of this DN carries at its design velocity (1 m/s + DN/600, larger pipes run faster), MW. */
function dnCapacityMw(dn: number): number {
  const areaM2 = (Math.PI / 4) * (dn / 1000) ** 2;
  const velocity = 1 + dn / 600;
  return (areaM2 * velocity * 1000 * WATER_C * PRIMARY_DELTA_T) / 1000;
}
const DN_CAPACITY = DN_LADDER.map(dnCapacityMw);

export function diameterFor(loadMw: number): number {
  for (let i = 0; i < DN_LADDER.length; i++) if ((DN_CAPACITY[i] ?? 0) >= loadMw) return DN_LADDER[i] ?? 1200;
  return 1200;
}

function valveKind(rng: Rng, dn: number): ValvePlan['kind'] {
  if (dn >= 500) return rng.chance(0.85) ? 'butterfly' : 'gate';
  if (dn <= 200) return rng.chance(0.5) ? 'ball' : 'gate';
  return rng.chance(0.6) ? 'gate' : 'butterfly';
}

export function buildNetwork(plan: CityPlan, seed: number): NetworkPlan {
  const rng = createRng(seed, 5);
  const nodes: NodePlan[] = [];
  const pipes: PipePlan[] = [];
  const valves: ValvePlan[] = [];
  const sourceNodes: number[][] = [];
  /** largest diameter meeting at each node (index id - 1), to size tie lines like the mains they join */
  const nodeDn: number[] = [];

  const addValve = (pipe: PipePlan, nodeId: number, status: ValvePlan['status']) => {
    const node = at(nodes, nodeId - 1);
    const other = at(nodes, (pipe.fromNodeId === nodeId ? pipe.toNodeId : pipe.fromNodeId) - 1);
    // the valve sits a few metres into the pipe from the node
    const t = pipe.lengthM > 0 ? Math.min(0.25, 8 / pipe.lengthM) : 0;
    const id = valves.length + 1;
    valves.push({
      id,
      code: `VV-${pad(id, 6)}`,
      enterpriseId: pipe.enterpriseId,
      pipeId: pipe.id,
      nodeId,
      kind: valveKind(rng, pipe.diameterMm),
      status,
      lon: round6(node.lon + t * (other.lon - node.lon)),
      lat: round6(node.lat + t * (other.lat - node.lat)),
    });
  };
  const addPipe = (
    enterpriseId: number,
    from: number,
    to: number,
    diameterMm: number,
    builtYear: number,
  ): PipePlan => {
    const a = at(nodes, from - 1);
    const b = at(nodes, to - 1);
    const id = pipes.length + 1;
    const pipe: PipePlan = {
      id,
      code: `PP-${pad(id, 6)}`,
      enterpriseId,
      fromNodeId: from,
      toNodeId: to,
      diameterMm,
      lengthM: Math.max(1, Math.round(haversineM(a.lon, a.lat, b.lon, b.lat) * 10) / 10),
      builtYear,
      coordinates: `[[${a.lon},${a.lat}],[${b.lon},${b.lat}]]`,
    };
    pipes.push(pipe);
    nodeDn[from - 1] = Math.max(nodeDn[from - 1] ?? 0, diameterMm);
    nodeDn[to - 1] = Math.max(nodeDn[to - 1] ?? 0, diameterMm);
    return pipe;
  };

  for (const source of plan.sources) {
    const tree = growTree(plan, source);
    const base = nodes.length;
    const ids: number[] = [];
    tree.nodes.forEach((n, i) => {
      const id = base + i + 1;
      ids.push(id);
      nodes.push({
        id,
        code: `NN-${pad(id, 6)}`,
        enterpriseId: source.enterpriseId,
        kind: n.kind,
        heatSourceId: n.kind === 'source' ? source.id : null,
        stationId: n.stationId,
        lon: n.lon,
        lat: n.lat,
      });
    });
    sourceNodes.push(ids);
    // loads and years flow from the source outwards
    const children: number[][] = tree.nodes.map(() => []);
    for (const p of tree.pipes) at(children, p.a).push(p.b);
    const order: number[] = [0];
    for (let i = 0; i < order.length; i++) for (const c of at(children, at(order, i))) order.push(c);
    for (let i = order.length - 1; i > 0; i--) {
      const n = at(tree.nodes, at(order, i));
      for (const c of at(children, at(order, i))) n.loadMw += at(tree.nodes, c).loadMw;
    }
    const yearOf = new Map<number, number>();
    const pipeTo = new Map<number, LocalPipe>();
    for (const p of tree.pipes) pipeTo.set(p.b, p);
    for (const n of order.slice(1)) {
      const p = pipeTo.get(n);
      if (!p) continue;
      const parentYear = yearOf.get(p.a);
      const year =
        parentYear === undefined ? rng.int(1985, 2008) : Math.min(2024, parentYear + rng.int(0, 6));
      yearOf.set(n, year);
      const node = at(tree.nodes, n);
      const pipe = addPipe(source.enterpriseId, at(ids, p.a), at(ids, p.b), diameterFor(node.loadMw), year);
      const from = at(tree.nodes, p.a);
      if (node.kind === 'station') {
        addValve(pipe, pipe.toNodeId, 'open');
        if (rng.chance(0.5)) addValve(pipe, pipe.fromNodeId, 'open');
      } else {
        if (from.kind === 'source' || rng.chance(0.8)) addValve(pipe, pipe.fromNodeId, 'open');
        if (rng.chance(0.8)) addValve(pipe, pipe.toNodeId, 'open');
      }
    }
  }

  const tieLines = addTieLines(plan, nodes, sourceNodes, (from, to) => {
    const dn = Math.min(500, Math.max(150, Math.min(nodeDn[from - 1] ?? 0, nodeDn[to - 1] ?? 0)));
    const pipe = addPipe(at(nodes, from - 1).enterpriseId, from, to, dn, rng.int(2010, 2024));
    // normally closed on the owner's side: opened only to shift load between sources (N-1)
    addValve(pipe, from, 'closed');
    addValve(pipe, to, 'open');
  });
  return { nodes, pipes, valves, tieLines };
}

/** Joins neighbouring sources' networks by a few normally-closed tie lines, same-enterprise ones first. */
function addTieLines(
  plan: CityPlan,
  nodes: readonly NodePlan[],
  sourceNodes: readonly number[][],
  add: (from: number, to: number) => void,
): number {
  const sources = plan.sources;
  if (sources.length < 2) return 0;
  const target = Math.max(1, Math.round(sources.length * 0.12));
  type Candidate = { i: number; j: number; from: number; to: number; gap: number; score: number };
  const candidates: Candidate[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < sources.length; i++) {
    const si = at(sources, i);
    const near = sources
      .map((s, j) => ({ j, d: haversineM(si.lon, si.lat, s.lon, s.lat) }))
      .filter((x) => x.j !== i)
      .sort((p, q) => p.d - q.d || p.j - q.j)
      .slice(0, 3);
    for (const { j } of near) {
      const key = Math.min(i, j) * sources.length + Math.max(i, j);
      if (seen.has(key)) continue;
      seen.add(key);
      const [lo, hi] = i < j ? [i, j] : [j, i];
      let best: { from: number; to: number; gap: number } | null = null;
      for (const a of at(sourceNodes, lo)) {
        const na = at(nodes, a - 1);
        if (na.kind === 'source') continue;
        for (const b of at(sourceNodes, hi)) {
          const nb = at(nodes, b - 1);
          if (nb.kind === 'source') continue;
          const gap = haversineM(na.lon, na.lat, nb.lon, nb.lat);
          if (!best || gap < best.gap) best = { from: a, to: b, gap };
        }
      }
      if (!best) continue;
      const same = at(sources, lo).enterpriseId === at(sources, hi).enterpriseId;
      candidates.push({ i: lo, j: hi, ...best, score: best.gap * (same ? 1 : 1.6) });
    }
  }
  candidates.sort((p, q) => p.score - q.score || p.i - q.i || p.j - q.j);
  const degree = new Map<number, number>();
  let built = 0;
  for (const c of candidates) {
    if (built >= target) break;
    if (built > 0 && c.gap > MAX_TIE_M) continue;
    if ((degree.get(c.i) ?? 0) >= 2 || (degree.get(c.j) ?? 0) >= 2) continue;
    degree.set(c.i, (degree.get(c.i) ?? 0) + 1);
    degree.set(c.j, (degree.get(c.j) ?? 0) + 1);
    add(c.from, c.to);
    built++;
  }
  return built;
}
