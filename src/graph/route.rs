//! Paths for edges between laid-out boxes that never cross a box or a label.
//!
//! dagre puts every box of a rank in one horizontal band and gives a long edge a waypoint in
//! each rank it passes (its label is one of them). A straight line between waypoints of two
//! ranks can cut through a neighbour in either band; these paths instead run vertically
//! through the bands, where the column below or above a waypoint is free, and turn only in the
//! empty gaps between bands. Each edge leaves and enters a box at its own point of the box's
//! side, and each edge crossing a gap has its own height in it, so no two edges share a
//! stretch.

use super::geometry::{Point, Rect};
use std::collections::BTreeMap;

/// An edge to route, in the direction it was laid out.
pub(super) struct Leg {
    pub from: Rect,
    pub to: Rect,
    /// dagre's waypoints between the two boxes, one per rank passed.
    pub via: Vec<Point>,
}

/// The path of every leg, from the side of `from` to the side of `to`. `boxes` are every box
/// and label the layout placed, which define the bands.
pub(super) fn route(legs: &[Leg], boxes: &[Rect]) -> Vec<Vec<Point>> {
    let bands = Bands::new(boxes, legs);
    // Every leg as a chain of centres: its source box, its waypoints, its target box.
    let chains: Vec<Vec<Point>> = legs
        .iter()
        .map(|leg| {
            let mut chain = vec![centre(&leg.from)];
            chain.extend(leg.via.iter().copied());
            chain.push(centre(&leg.to));
            chain
        })
        .collect();
    let ports = Ports::new(legs, &chains);
    let tracks = Tracks::new(&chains, &ports, &bands);
    chains
        .iter()
        .enumerate()
        .map(|(index, chain)| {
            let mut path = Vec::new();
            let last = chain.len() - 1;
            for step in 0..last {
                let (a, b) = (chain[step], chain[step + 1]);
                let a = if step == 0 { ports.start[index] } else { a };
                let b = if step + 1 == last {
                    ports.end[index]
                } else {
                    b
                };
                let turn = tracks.height(index, step);
                path.push(a);
                if (a.x - b.x).abs() > 0.05 {
                    path.push(Point { x: a.x, y: turn });
                    path.push(Point { x: b.x, y: turn });
                }
            }
            path.push(ports.end[index]);
            without_straight_points(path)
        })
        .collect()
}

fn centre(r: &Rect) -> Point {
    Point {
        x: r.x + r.width / 2.0,
        y: r.y + r.height / 2.0,
    }
}

/// The vertical extent of each rank: boxes and waypoints of one rank share their centre's
/// height. Keyed by that height in tenths, so equal heights meet exactly.
struct Bands {
    extent: BTreeMap<i64, (f64, f64)>,
}

fn band_key(y: f64) -> i64 {
    (y * 10.0).round() as i64
}

impl Bands {
    fn new(boxes: &[Rect], legs: &[Leg]) -> Bands {
        let mut extent: BTreeMap<i64, (f64, f64)> = BTreeMap::new();
        let mut add = |y: f64, top: f64, bottom: f64| {
            let entry = extent.entry(band_key(y)).or_insert((top, bottom));
            entry.0 = entry.0.min(top);
            entry.1 = entry.1.max(bottom);
        };
        for r in boxes {
            add(r.y + r.height / 2.0, r.y, r.bottom());
        }
        for p in legs.iter().flat_map(|l| l.via.iter()) {
            add(p.y, p.y, p.y);
        }
        Bands { extent }
    }

    /// The free gap between the band at `a` and the band at `b`: (top, bottom).
    fn gap(&self, a: f64, b: f64) -> (f64, f64) {
        let (upper, lower) = if a <= b { (a, b) } else { (b, a) };
        let bottom_of_upper = self.extent.get(&band_key(upper)).map_or(upper, |e| e.1);
        let top_of_lower = self.extent.get(&band_key(lower)).map_or(lower, |e| e.0);
        (bottom_of_upper, top_of_lower.max(bottom_of_upper))
    }
}

/// Where each leg leaves its source and enters its target: points spread along the side that
/// faces the way it goes, in the order of where the legs go next, so they do not cross there.
struct Ports {
    start: Vec<Point>,
    end: Vec<Point>,
}

/// A leg at a box's side: where it goes next (or comes from), which leg, and whether it starts
/// there.
struct PortUse {
    toward: f64,
    leg: usize,
    start: bool,
}

impl Ports {
    fn new(legs: &[Leg], chains: &[Vec<Point>]) -> Ports {
        let mut start = vec![Point { x: 0.0, y: 0.0 }; legs.len()];
        let mut end = start.clone();
        // Keyed by the box and whether it is its bottom side.
        let mut sides: BTreeMap<(i64, i64, bool), (Rect, Vec<PortUse>)> = BTreeMap::new();
        for (leg, (l, chain)) in legs.iter().zip(chains).enumerate() {
            let next = chain[1];
            let down = next.y >= chain[0].y;
            sides
                .entry(side_key(&l.from, down))
                .or_insert((l.from, Vec::new()))
                .1
                .push(PortUse {
                    toward: next.x,
                    leg,
                    start: true,
                });
            let before = chain[chain.len() - 2];
            let from_above = before.y <= chain[chain.len() - 1].y;
            sides
                .entry(side_key(&l.to, !from_above))
                .or_insert((l.to, Vec::new()))
                .1
                .push(PortUse {
                    toward: before.x,
                    leg,
                    start: false,
                });
        }
        for ((_, _, bottom), (rect, mut uses)) in sides {
            uses.sort_by(|a, b| {
                a.toward
                    .total_cmp(&b.toward)
                    .then(a.leg.cmp(&b.leg))
                    .then(a.start.cmp(&b.start))
            });
            let count = uses.len() as f64;
            for (position, used) in uses.iter().enumerate() {
                let x = rect.x + rect.width * (position as f64 + 1.0) / (count + 1.0);
                let y = if bottom { rect.bottom() } else { rect.y };
                if used.start {
                    start[used.leg] = Point { x, y };
                } else {
                    end[used.leg] = Point { x, y };
                }
            }
        }
        Ports { start, end }
    }
}

fn side_key(rect: &Rect, bottom: bool) -> (i64, i64, bool) {
    (band_key(rect.x), band_key(rect.y), bottom)
}

/// The height at which each step of each leg turns: every gap is shared out among the steps
/// that cross it, ordered by where they come from.
struct Tracks {
    heights: BTreeMap<(usize, usize), f64>,
}

/// One step of a leg across a gap, from the `x` where it leaves one band to the `x` where it
/// enters the next.
struct Crossing {
    from_x: f64,
    to_x: f64,
    leg: usize,
    step: usize,
}

impl Tracks {
    fn new(chains: &[Vec<Point>], ports: &Ports, bands: &Bands) -> Tracks {
        let mut gaps: BTreeMap<(i64, i64), Vec<Crossing>> = BTreeMap::new();
        for (leg, chain) in chains.iter().enumerate() {
            let last = chain.len() - 1;
            for step in 0..last {
                let (a, b) = (chain[step], chain[step + 1]);
                let key = (band_key(a.y.min(b.y)), band_key(a.y.max(b.y)));
                let from_x = if step == 0 { ports.start[leg].x } else { a.x };
                let to_x = if step + 1 == last {
                    ports.end[leg].x
                } else {
                    b.x
                };
                gaps.entry(key).or_default().push(Crossing {
                    from_x,
                    to_x,
                    leg,
                    step,
                });
            }
        }
        let mut heights = BTreeMap::new();
        for ((upper, lower), mut crossings) in gaps {
            let (top, bottom) = bands.gap(upper as f64 / 10.0, lower as f64 / 10.0);
            // Highest first: steps to the right, the one starting furthest right first, then
            // steps to the left, the one starting furthest left first. Steps that go the same
            // way then nest like stairs instead of crossing.
            crossings.sort_by(|a, b| {
                let order = |c: &Crossing| {
                    if c.to_x > c.from_x {
                        (0, -c.from_x)
                    } else {
                        (1, c.from_x)
                    }
                };
                let (ka, kb) = (order(a), order(b));
                ka.0.cmp(&kb.0)
                    .then(ka.1.total_cmp(&kb.1))
                    .then((a.leg, a.step).cmp(&(b.leg, b.step)))
            });
            let count = crossings.len() as f64;
            for (position, c) in crossings.iter().enumerate() {
                let y = top + (bottom - top) * (position as f64 + 1.0) / (count + 1.0);
                heights.insert((c.leg, c.step), y);
            }
        }
        Tracks { heights }
    }

    fn height(&self, leg: usize, step: usize) -> f64 {
        self.heights.get(&(leg, step)).copied().unwrap_or(0.0)
    }
}

/// Drops points in the middle of a straight stretch, and repeated points.
fn without_straight_points(path: Vec<Point>) -> Vec<Point> {
    let mut kept: Vec<Point> = Vec::with_capacity(path.len());
    for p in path {
        if kept
            .last()
            .is_some_and(|&q| (q.x - p.x).abs() < 0.05 && (q.y - p.y).abs() < 0.05)
        {
            continue;
        }
        if kept.len() >= 2 {
            let (a, b) = (kept[kept.len() - 2], kept[kept.len() - 1]);
            let vertical = (a.x - b.x).abs() < 0.05 && (b.x - p.x).abs() < 0.05;
            let horizontal = (a.y - b.y).abs() < 0.05 && (b.y - p.y).abs() < 0.05;
            if vertical || horizontal {
                kept.pop();
            }
        }
        kept.push(p);
    }
    kept
}
