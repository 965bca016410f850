// Primary pipe network of the demo city: a tree per heat source, diameters by load, valves, tie lines.
import { haversineM } from '../../lib/geo.ts';
import { round6, toLocalM } from './geo.ts';
import { at, pad, type CityPlan, type SourcePlan } from './layout.ts';
import { createRng, type Rng } from './prng.ts';

export type NodePlan = {
  id: number;
  code: string;
  enterpriseId: number;
  kind: 'source' | 'station' | 'junction';
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

/** A station joins an existing junction or the source instead of splitting a pipe when this close, m. */
const SNAP_M = 60;
/** A branch never leaves a pipe closer than this to the station at its end, m. */
const STATION_CLEARANCE_M = 80;
/** Longer pipes are cut into sections with a junction (valve chamber) every 800 m or so. */
const MAX_SECTION_M = 1000;
const SECTION_M = 800;
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

type LocalNode = {
  x: number;
  y: number;
  lon: number;
  lat: number;
  kind: NodePlan['kind'];
  stationId: number | null;
  loadMw: number;
};
type LocalPipe = { a: number; b: number };

/** Grows one source's tree: stations by distance, each joined to the nearest point of the network so far. */
function growTree(plan: CityPlan, source: SourcePlan): { nodes: LocalNode[]; pipes: LocalPipe[] } {
  const nodes: LocalNode[] = [
    { x: 0, y: 0, lon: source.lon, lat: source.lat, kind: 'source', stationId: null, loadMw: 0 },
  ];
  const pipes: LocalPipe[] = [];
  const stations = source.stationIds
    .map((id) => at(plan.stations, id - 1))
    .map((s) => ({ s, ...toLocalM(source, s.lon, s.lat) }))
    .sort((p, q) => p.x * p.x + p.y * p.y - (q.x * q.x + q.y * q.y) || p.s.id - q.s.id);
  for (const { s, x, y } of stations) {
    const target = nodes.length;
    nodes.push({ x, y, lon: s.lon, lat: s.lat, kind: 'station', stationId: s.id, loadMw: s.capacityMw });
    if (pipes.length === 0) {
      pipes.push({ a: 0, b: target });
      continue;
    }
    let best = -1;
    let bestT = 0;
    let bestD = Infinity;
    for (let p = 0; p < pipes.length; p++) {
      const pipe = at(pipes, p);
      const a = at(nodes, pipe.a);
      const b = at(nodes, pipe.b);
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.min(1, Math.max(0, ((x - a.x) * dx + (y - a.y) * dy) / len2)) : 0;
      const px = a.x + t * dx - x;
      const py = a.y + t * dy - y;
      const d = px * px + py * py;
      if (d < bestD) {
        bestD = d;
        best = p;
        bestT = t;
      }
    }
    const pipe = at(pipes, best);
    const a = at(nodes, pipe.a);
    const b = at(nodes, pipe.b);
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    let t = bestT;
    if (b.kind === 'station' && len > 0) t = Math.min(t, 1 - Math.min(0.4, STATION_CLEARANCE_M / len));
    let attach: number;
    if (t * len < SNAP_M) attach = pipe.a;
    else if (b.kind !== 'station' && (1 - t) * len < SNAP_M) attach = pipe.b;
    else {
      attach = nodes.length;
      nodes.push({
        x: a.x + t * (b.x - a.x),
        y: a.y + t * (b.y - a.y),
        lon: round6(a.lon + t * (b.lon - a.lon)),
        lat: round6(a.lat + t * (b.lat - a.lat)),
        kind: 'junction',
        stationId: null,
        loadMw: 0,
      });
      pipes.push({ a: attach, b: pipe.b });
      pipe.b = attach;
    }
    pipes.push({ a: attach, b: target });
  }
  // cut long pipes into sections
  const sectioned: LocalPipe[] = [];
  for (const pipe of pipes) {
    const a = at(nodes, pipe.a);
    const b = at(nodes, pipe.b);
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len <= MAX_SECTION_M) {
      sectioned.push(pipe);
      continue;
    }
    const parts = Math.ceil(len / SECTION_M);
    let prev = pipe.a;
    for (let k = 1; k < parts; k++) {
      const t = k / parts;
      const id = nodes.length;
      nodes.push({
        x: a.x + t * (b.x - a.x),
        y: a.y + t * (b.y - a.y),
        lon: round6(a.lon + t * (b.lon - a.lon)),
        lat: round6(a.lat + t * (b.lat - a.lat)),
        kind: 'junction',
        stationId: null,
        loadMw: 0,
      });
      sectioned.push({ a: prev, b: id });
      prev = id;
    }
    sectioned.push({ a: prev, b: pipe.b });
  }
  return { nodes, pipes: sectioned };
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
