// The pipe tree of one heat source in local metres: stations by distance, each joined to the nearest point of
// the network so far, long pipes cut into sections.
import { at, type CityPlan, type SourcePlan } from './city-plan.ts';
import { round6, toLocalM } from './geo.ts';

/** A station joins an existing junction or the source instead of splitting a pipe when this close, m. */
const SNAP_M = 60;
/** A branch never leaves a pipe closer than this to the station at its end, m. */
const STATION_CLEARANCE_M = 80;
/** Longer pipes are cut into sections with a junction (valve chamber) every 800 m or so. */
const MAX_SECTION_M = 1000;
const SECTION_M = 800;

export type NodeKind = 'source' | 'station' | 'junction';

export type LocalNode = {
  x: number;
  y: number;
  lon: number;
  lat: number;
  kind: NodeKind;
  stationId: number | null;
  loadMw: number;
};
export type LocalPipe = { a: number; b: number };
export type LocalTree = { nodes: LocalNode[]; pipes: LocalPipe[] };

/** A junction at `t` along the straight line from `a` to `b`. */
function junctionAt(a: LocalNode, b: LocalNode, t: number): LocalNode {
  return {
    x: a.x + t * (b.x - a.x),
    y: a.y + t * (b.y - a.y),
    lon: round6(a.lon + t * (b.lon - a.lon)),
    lat: round6(a.lat + t * (b.lat - a.lat)),
    kind: 'junction',
    stationId: null,
    loadMw: 0,
  };
}

/** The pipe passing closest to (x, y), and where along it (0–1) the closest point lies. */
function nearestPipe(tree: LocalTree, x: number, y: number): { index: number; t: number } {
  let best = -1;
  let bestT = 0;
  let bestD = Infinity;
  for (let p = 0; p < tree.pipes.length; p++) {
    const pipe = at(tree.pipes, p);
    const a = at(tree.nodes, pipe.a);
    const b = at(tree.nodes, pipe.b);
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
  return { index: best, t: bestT };
}

/** Joins node `target` to the nearest point of the tree: an end nearby, else a new junction splitting a pipe. */
function attach(tree: LocalTree, target: number): void {
  const { nodes, pipes } = tree;
  const { x, y } = at(nodes, target);
  const nearest = nearestPipe(tree, x, y);
  const pipe = at(pipes, nearest.index);
  const a = at(nodes, pipe.a);
  const b = at(nodes, pipe.b);
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  let t = nearest.t;
  if (b.kind === 'station' && len > 0) t = Math.min(t, 1 - Math.min(0.4, STATION_CLEARANCE_M / len));
  let from: number;
  if (t * len < SNAP_M) from = pipe.a;
  else if (b.kind !== 'station' && (1 - t) * len < SNAP_M) from = pipe.b;
  else {
    from = nodes.length;
    nodes.push(junctionAt(a, b, t));
    pipes.push({ a: from, b: pipe.b });
    pipe.b = from;
  }
  pipes.push({ a: from, b: target });
}

/** Cuts pipes longer than MAX_SECTION_M into equal sections, adding a junction between them. */
function sectionPipes(tree: LocalTree): LocalPipe[] {
  const { nodes } = tree;
  const sectioned: LocalPipe[] = [];
  for (const pipe of tree.pipes) {
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
      const id = nodes.length;
      nodes.push(junctionAt(a, b, k / parts));
      sectioned.push({ a: prev, b: id });
      prev = id;
    }
    sectioned.push({ a: prev, b: pipe.b });
  }
  return sectioned;
}

/** Grows one source's tree: stations by distance, each joined to the nearest point of the network so far. */
export function growTree(plan: CityPlan, source: SourcePlan): LocalTree {
  const tree: LocalTree = {
    nodes: [{ x: 0, y: 0, lon: source.lon, lat: source.lat, kind: 'source', stationId: null, loadMw: 0 }],
    pipes: [],
  };
  const stations = source.stationIds
    .map((id) => at(plan.stations, id - 1))
    .map((s) => ({ s, ...toLocalM(source, s.lon, s.lat) }))
    .sort((p, q) => p.x * p.x + p.y * p.y - (q.x * q.x + q.y * q.y) || p.s.id - q.s.id);
  for (const { s, x, y } of stations) {
    const target = tree.nodes.length;
    tree.nodes.push({ x, y, lon: s.lon, lat: s.lat, kind: 'station', stationId: s.id, loadMw: s.capacityMw });
    if (tree.pipes.length === 0) tree.pipes.push({ a: 0, b: target });
    else attach(tree, target);
  }
  return { nodes: tree.nodes, pipes: sectionPipes(tree) };
}
