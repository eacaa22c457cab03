//! Each pipeline stage on generated specs of 100, 1,000 and 10,000 primitives:
//! `cargo bench --bench stages` (filter with e.g. `-- parse/10000`).

// A test crate is a binary: `pub` says what one module offers the others. The crate's
// pedantic lints are for the library; tests read best as plain assertions.
#![allow(unreachable_pub, clippy::pedantic)]

#[path = "support/spec_gen.rs"]
mod spec_gen;

use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use hacc::decode::decode;
use hacc::diagnostic::Diagnostics;
use hacc::model::{Checked, Cluster};
use hacc::plan::{DesiredFile, compute, desired_files, render_plan};
use hacc::state::{DirLock, sha256_hex};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const SIZES: [usize; 3] = [100, 1_000, 10_000];
const NODES: usize = 5;
const SPEC_NAME: &str = "bench.kdl";

fn source(resources: usize, changed: bool) -> String {
    spec_gen::generate(&spec_gen::Shape {
        resources,
        nodes: NODES,
        changed,
    })
}

fn decoded(source: &str) -> Cluster {
    let doc = hacc::parse::parse(source).expect("generated specs parse");
    decode(&doc, &mut Diagnostics::default(), None).expect("a cluster")
}

fn checked(source: &str) -> Checked {
    let mut diags = Diagnostics::default();
    hacc::validate::validate(decoded(source), &mut diags).expect("generated specs check")
}

/// Ten samples of flat sampling: a 10,000-resource run of the slow stages takes seconds.
fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    group
}

fn front_stages(c: &mut Criterion) {
    let sources: Vec<(usize, String)> = SIZES.iter().map(|&n| (n, source(n, false))).collect();
    let mut parse = group(c, "parse");
    for (n, source) in &sources {
        parse.bench_with_input(BenchmarkId::from_parameter(n), source, |b, s| {
            b.iter(|| hacc::parse::parse(black_box(s)))
        });
    }
    parse.finish();

    let mut decode_group = group(c, "decode");
    for (n, source) in &sources {
        let doc = hacc::parse::parse(source).expect("generated specs parse");
        decode_group.bench_with_input(BenchmarkId::from_parameter(n), &doc, |b, doc| {
            b.iter(|| decode(black_box(doc), &mut Diagnostics::default(), None))
        });
    }
    decode_group.finish();

    let mut validate = group(c, "validate");
    for (n, source) in &sources {
        let cluster = decoded(source);
        validate.bench_with_input(BenchmarkId::from_parameter(n), &cluster, |b, cluster| {
            b.iter_batched(
                || cluster.clone(),
                |cluster| hacc::validate::validate(cluster, &mut Diagnostics::default()),
                BatchSize::LargeInput,
            )
        });
    }
    validate.finish();
}

fn render(c: &mut Criterion) {
    let mut render = group(c, "render");
    for n in SIZES {
        let checked = checked(&source(n, false));
        render.bench_with_input(BenchmarkId::from_parameter(n), &checked, |b, checked| {
            b.iter(|| hacc::render::build(black_box(checked)).expect("renders"))
        });
    }
    render.finish();
}

/// Applies the unchanged spec to a fresh directory, as `hacc apply` would.
fn applied_dir(spec_path: &Path, resources: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let base = source(resources, false);
    let files = desired_files(spec_path, &checked(&base)).expect("desired files");
    let sha = sha256_hex(base.as_bytes());
    let lock = DirLock::acquire(dir.path()).expect("the lock");
    let plan = compute(dir.path(), &files, &sha).expect("a plan");
    hacc::apply::execute(&lock, dir.path(), &sha, &plan.steps(), false).expect("applied");
    dir
}

/// Planning a one-resource edit against an applied directory: the comparison with what is
/// on disk, and the diff shown to the user.
fn plan(c: &mut Criterion) {
    let mut plan = group(c, "plan");
    let spec_path = Path::new(SPEC_NAME);
    for n in SIZES {
        let dir = applied_dir(spec_path, n);
        let changed = source(n, true);
        let files = desired_files(spec_path, &checked(&changed)).expect("desired files");
        let sha = sha256_hex(changed.as_bytes());
        let plan_text = |files: &[DesiredFile]| {
            let plan = compute(dir.path(), files, &sha).expect("a plan");
            (plan.summary(), render_plan(&plan, dir.path(), false))
        };
        // What is timed must be the right plan: the two CIB files change, at that resource.
        let (summary, text) = plan_text(&files);
        assert_eq!((summary.add, summary.change, summary.destroy), (0, 2, 0));
        let id = spec_gen::changed_resource(&spec_gen::Shape {
            resources: n,
            nodes: NODES,
            changed: true,
        });
        assert!(text.contains(&id), "{text}");
        plan.bench_with_input(BenchmarkId::from_parameter(n), &files, |b, files| {
            b.iter(|| plan_text(files))
        });
    }
    plan.finish();
}

criterion_group!(stages, front_stages, render, plan);
criterion_main!(stages);
