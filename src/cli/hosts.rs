//! `hacc hosts accept|check SPEC --dir DIR`: the hosts of a spec of the hosts target. `accept`
//! records the host keys they offer in the directory's known hosts after showing them;
//! `check` logs in to each and says what it runs.

use super::failure::{Failure, Outcome};
use super::load_spec::{load_checked, spec_dir};
use crate::apply::confirm;
use crate::live::hosts::{SshHost, distro, each::on_each, host_keys, of_spec};
use crate::model::Target;
use crate::state::Error;
use std::path::Path;

pub(super) enum Action {
    Accept { yes: bool },
    Check,
}

pub(super) fn run(spec: &Path, dir: &Path, action: &Action) -> Outcome {
    let checked = load_checked(spec)?;
    if checked.cluster().target.value != Target::Hosts {
        return Err(Failure::refused(format!(
            "`{}` runs in the Docker lab; `hacc hosts` is for `target=\"hosts\"`",
            spec.display()
        )));
    }
    let hacc_dir = dir.join(".hacc");
    std::fs::create_dir_all(dir)
        .map_err(crate::state::io_error("create", dir))
        .and_then(|()| crate::live::hosts::ssh::private_dir(&hacc_dir))?;
    let hosts = of_spec(&checked, spec_dir(spec), &hacc_dir);
    match action {
        Action::Accept { yes } => accept(&hosts, &hacc_dir, *yes)?,
        Action::Check => check(&hosts)?,
    }
    Ok(0)
}

/// Per host: its name, then what happened, on one line each.
fn report<T>(
    hosts: &[SshHost],
    results: &[Result<T, Error>],
    show: impl Fn(&T) -> String,
) -> usize {
    let mut failed = 0;
    for (host, result) in hosts.iter().zip(results) {
        match result {
            Ok(value) => println!(
                "  {} ({}): {}",
                host_name(host),
                host.reach().destination,
                show(value)
            ),
            Err(error) => {
                failed += 1;
                println!(
                    "  {} ({}): error: {error}",
                    host_name(host),
                    host.reach().destination
                );
            }
        }
    }
    failed
}

fn host_name(host: &SshHost) -> &str {
    crate::live::transport::Shell::node_name(host)
}

fn accept(hosts: &[SshHost], hacc_dir: &Path, yes: bool) -> Result<(), Error> {
    let scans = on_each(hosts, |host| host_keys::scan(host.reach()));
    println!("Host keys offered:");
    let failed = report(hosts, &scans, |s| s.fingerprints.join(", "));
    if failed > 0 {
        return Err(Error::Refused(format!(
            "{failed} host(s) could not be scanned; nothing recorded"
        )));
    }
    let known = match std::fs::read_to_string(host_keys::known_hosts_file(hacc_dir)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(crate::state::io_error(
                "read",
                &host_keys::known_hosts_file(hacc_dir),
            )(e));
        }
    };
    let mut new = Vec::new();
    for scanned in scans.iter().flatten() {
        new.extend(host_keys::new_lines(&known, scanned)?);
    }
    if new.is_empty() {
        println!("Every key is already recorded.");
        return Ok(());
    }
    if !yes && !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Err(Error::Refused(
            "cannot ask whether to record the keys: standard input is not a terminal; check \
             the fingerprints above, then rerun with `--yes`"
                .into(),
        ));
    }
    if !yes
        && !confirm(&format!(
            "Record these {} key(s) as the hosts' own?",
            new.len()
        ))?
    {
        return Err(Error::Refused("not recorded".into()));
    }
    host_keys::record(hacc_dir, &new)?;
    println!(
        "Recorded {} key(s) in {}.",
        new.len(),
        host_keys::known_hosts_file(hacc_dir).display()
    );
    Ok(())
}

fn check(hosts: &[SshHost]) -> Result<(), Error> {
    let results = on_each(hosts, |host| distro::detect(host));
    println!("Hosts:");
    let failed = report(hosts, &results, |d| d.name.clone());
    if failed > 0 {
        return Err(Error::Refused(format!(
            "{failed} of {} host(s) failed",
            hosts.len()
        )));
    }
    Ok(())
}
