//! The layering of ARCHITECTURE.md, enforced: no module imports from its own layer or above, no
//! two files of one module depend on each other in a circle, every module has a layer.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module name -> layer, from the table in ARCHITECTURE.md.
fn layers() -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(common::root().join("ARCHITECTURE.md")).unwrap();
    let mut layers = BTreeMap::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(layer) = cells.get(1).and_then(|c| c.parse::<usize>().ok()) else {
            continue;
        };
        for module in cells[2].split(',') {
            layers.insert(module.trim().trim_matches('`').to_string(), layer);
        }
    }
    layers
}

/// The top-level modules of `src/` and the files of each.
fn modules() -> BTreeMap<String, Vec<PathBuf>> {
    let src = common::root().join("src");
    let mut modules = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "lib" || name == "main" {
            continue;
        }
        let mut files = Vec::new();
        collect_rs(&path, &mut files);
        modules.entry(name).or_insert_with(Vec::new).extend(files);
    }
    modules
}

fn collect_rs(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            collect_rs(&entry.unwrap().path(), files);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        files.push(path.to_path_buf());
    }
}

/// A file's code without its tests: test modules may use any layer.
fn code_of(path: &Path) -> String {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap();
    let code = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => &text,
    };
    // Comments may name any module (doc links included): only code counts.
    code.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first segments of the paths after `prefix` (`crate::a::b`, `crate::{a, b::c}`).
fn referenced(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices(prefix) {
        let before = code[..at].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            found.extend(inner.split(',').map(|p| first_segment(p.trim())));
        } else {
            found.insert(first_segment(rest));
        }
    }
    found.retain(|s| !s.is_empty() && s != "self");
    found
}

fn first_segment(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn every_module_has_a_layer() {
    let layers = layers();
    let missing: Vec<String> = modules()
        .into_keys()
        .filter(|m| !layers.contains_key(m))
        .collect();
    assert!(
        missing.is_empty(),
        "modules missing from ARCHITECTURE.md: {missing:?}"
    );
}

#[test]
fn no_module_imports_from_its_own_layer_or_above() {
    let layers = layers();
    let mut upward = Vec::new();
    for (module, files) in modules() {
        let Some(&own) = layers.get(&module) else {
            continue;
        };
        for file in files {
            for used in referenced(&code_of(&file), "crate::") {
                if used == module {
                    continue;
                }
                if let Some(&layer) = layers.get(&used)
                    && layer >= own
                {
                    let file = file
                        .strip_prefix(common::root())
                        .unwrap()
                        .display()
                        .to_string();
                    upward.push(format!(
                        "{file} (layer {own}) uses `{used}` (layer {layer})"
                    ));
                }
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports against the layering:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_two_files_of_a_module_depend_on_each_other() {
    let mut circles = Vec::new();
    for (module, files) in modules() {
        let names: BTreeSet<String> = files
            .iter()
            .map(|f| f.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        // file -> the sibling files it uses, through `super::` or `crate::<module>::`.
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for file in &files {
            let name = file.file_stem().unwrap().to_string_lossy().into_owned();
            if name == "mod" {
                continue;
            }
            let code = code_of(file);
            let mut used = referenced(&code, "super::");
            used.extend(referenced(&code, &format!("crate::{module}::")));
            used.retain(|u| names.contains(u) && *u != name && u != "mod");
            edges.entry(name).or_default().extend(used);
        }
        if let Some(circle) = find_circle(&edges) {
            circles.push(format!("{module}: {}", circle.join(" -> ")));
        }
    }
    assert!(
        circles.is_empty(),
        "files that depend on each other:\n{}",
        circles.join("\n")
    );
}

/// A circle in the graph, as the path that closes it.
fn find_circle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut circle = path[at..].to_vec();
            circle.push(node.to_string());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, edges, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|start| visit(start, edges, &mut Vec::new(), &mut done))
}

/// Where `code` runs Docker: the program named in a string as a command (`"docker"`,
/// `"docker-compose"`, `"docker ps"`), or a call of the lab's `docker(` or `in_container(`.
fn docker_uses(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for program in ["\"docker", "\"docker-compose"] {
        for (at, _) in code.match_indices(program) {
            let after = code[at + program.len()..].chars().next();
            if matches!(after, Some('"' | ' ')) {
                found.push(format!("{program}{}", after.unwrap()));
            }
        }
    }
    for call in ["docker(", "in_container("] {
        for (at, _) in code.match_indices(call) {
            let before = code[..at].chars().last();
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                found.push(call.to_string());
            }
        }
    }
    found
}

/// The transport seam holds: the cluster protocol reaches nodes through `live::transport`, and
/// only the Docker lab (and the renderer, which writes the lab's files) knows Docker.
#[test]
fn only_the_docker_lab_runs_docker() {
    let root = common::root();
    // The model names the container engines a bundle may use, which Pacemaker runs, not hacc.
    let allowed = [
        root.join("src/live/lab"),
        root.join("src/render"),
        root.join("src/model/bundle.rs"),
    ];
    let mut files = Vec::new();
    collect_rs(&root.join("src"), &mut files);
    let mut offending = Vec::new();
    for file in files {
        if allowed.iter().any(|dir| file.starts_with(dir)) {
            continue;
        }
        for used in docker_uses(&code_of(&file)) {
            let file = file.strip_prefix(&root).unwrap().display().to_string();
            offending.push(format!("{file}: {used}"));
        }
    }
    assert!(
        offending.is_empty(),
        "Docker used outside src/live/lab:\n{}",
        offending.join("\n")
    );
}

/// One exit path: every subcommand's `run` returns an `Outcome`, and only `cli/failure.rs`
/// prints an error.
#[test]
fn cli_errors_are_printed_in_one_place() {
    let cli = common::root().join("src/cli");
    let mut files = Vec::new();
    collect_rs(&cli, &mut files);
    let mut offending = Vec::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if name == "failure.rs" {
            continue;
        }
        let code = code_of(&file);
        for print in ["eprintln!(\"error", "eprint!(\"error"] {
            if code.contains(print) {
                offending.push(format!("src/cli/{name} prints an error itself"));
            }
        }
        // `cli::run` itself turns outcomes into the exit status.
        let subcommand_runs = if name == "mod.rs" { "" } else { code.as_str() };
        for (at, _) in subcommand_runs.match_indices("pub fn run(") {
            let signature = &code[at..at + code[at..].find('{').unwrap()];
            if !signature.contains("-> Outcome") {
                offending.push(format!(
                    "src/cli/{name}: `run` does not return an `Outcome`"
                ));
            }
        }
    }
    assert!(offending.is_empty(), "{}", offending.join("\n"));
}

#[test]
fn the_checks_find_what_they_look_for() {
    assert_eq!(
        docker_uses(
            "Command::new(\"docker\"); run(\"docker-compose\"); sh(\"docker ps\"); \
             docker(&[\"ps\"]); exec::in_container(c)"
        ),
        [
            "\"docker\"",
            "\"docker ",
            "\"docker-compose\"",
            "docker(",
            "in_container("
        ]
    );
    assert!(docker_uses("[\"docker-compose.yml\", \"dockerfile\"]; run_docker(x)").is_empty());
    let code = "use crate::{render::x, state};\nfn f() { crate::live::go(); super::exec::run(); }";
    assert_eq!(
        referenced(code, "crate::"),
        ["live", "render", "state"].map(String::from).into()
    );
    assert_eq!(
        referenced(code, "super::"),
        ["exec"].map(String::from).into()
    );
    let edges: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_string(), ["b".to_string()].into()),
        ("b".to_string(), ["c".to_string()].into()),
        ("c".to_string(), ["a".to_string()].into()),
    ]
    .into();
    assert_eq!(find_circle(&edges).unwrap(), ["a", "b", "c", "a"]);
}

/// The files the `[[test]]` tables of a Cargo manifest name.
fn test_crates(manifest: &str) -> BTreeSet<String> {
    let mut in_test = false;
    let mut paths = BTreeSet::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_test = line == "[[test]]";
        } else if in_test && let Some(path) = line.strip_prefix("path = \"") {
            paths.insert(path.trim_end_matches('"').to_string());
        }
    }
    paths
}

/// The modules a crate root declares (`mod name;`).
fn declared_modules(code: &str) -> BTreeSet<String> {
    code.lines()
        .filter_map(|line| line.trim().strip_prefix("mod "))
        .filter_map(|rest| rest.strip_suffix(';'))
        .map(String::from)
        .collect()
}

/// Cargo builds only the test crates the manifest names (`autotests = false`): a file of
/// `tests/` that is neither one of them nor a module of `tests/main.rs` would never run.
#[test]
fn every_test_file_is_built() {
    let root = common::root();
    let crates = test_crates(&std::fs::read_to_string(root.join("Cargo.toml")).unwrap());
    assert!(crates.contains("tests/main.rs"), "{crates:?}");
    let modules = declared_modules(&std::fs::read_to_string(root.join("tests/main.rs")).unwrap());
    let mut unbuilt = Vec::new();
    for entry in std::fs::read_dir(root.join("tests")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (module, file) = if path.join("mod.rs").is_file() {
            (name.clone(), format!("tests/{name}/mod.rs"))
        } else if let Some(stem) = name.strip_suffix(".rs") {
            (stem.to_string(), format!("tests/{name}"))
        } else {
            continue;
        };
        if !crates.contains(&file) && !modules.contains(&module) && file != "tests/main.rs" {
            unbuilt.push(file);
        }
    }
    unbuilt.sort();
    assert!(
        unbuilt.is_empty(),
        "test files no test crate builds (add `mod <name>;` to tests/main.rs): {unbuilt:?}"
    );
    assert_eq!(
        declared_modules("mod a;\n#[path = \"x.rs\"]\nmod b;\nuse c;\nmod d {}"),
        ["a", "b"].map(String::from).into()
    );
    assert_eq!(
        test_crates("[[test]]\nname = \"t\"\npath = \"tests/t.rs\"\n[[bench]]\npath = \"b.rs\""),
        ["tests/t.rs"].map(String::from).into()
    );
}
