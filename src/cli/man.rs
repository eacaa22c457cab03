//! `hacc man [--out DIR]`: man pages made from the clap definitions, one for hacc and one per
//! subcommand (`hacc-check.1`, ...). A subcommand rather than a build script: the pages then
//! describe exactly the binary that prints them, and a build does not compile the CLI twice.

use super::Cli;
use super::failure::{Failure, Outcome};
use crate::state::DeployDir;
use clap::CommandFactory;
use std::path::Path;

/// Every page as (file name, roff source): hacc's own first, then one per subcommand.
pub(super) fn pages() -> Vec<(String, Vec<u8>)> {
    // `hacc help` is clap's, not a command worth a page.
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let subcommands = command
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect::<Vec<_>>();
    std::iter::once(command)
        .chain(subcommands)
        .map(|command| {
            let man = clap_mangen::Man::new(command)
                .manual("hacc manual")
                .source(concat!("hacc ", env!("CARGO_PKG_VERSION")));
            let mut roff = Vec::new();
            // Rendering into a Vec cannot fail.
            let _ = man.render(&mut roff);
            (man.get_filename(), roff)
        })
        .collect()
}

/// Prints hacc's page, or writes every page into `out`.
pub(super) fn run(out: Option<&Path>) -> Outcome {
    let pages = pages();
    let Some(out) = out else {
        use std::io::Write as _;
        let (_, page) = &pages[0];
        std::io::stdout()
            .write_all(page)
            .map_err(|error| Failure::refused(format!("cannot write the man page: {error}")))?;
        return Ok(0);
    };
    // The pages are written like a deploy directory's files: never through a link.
    let dir = DeployDir::create(out)?;
    for (name, page) in &pages {
        dir.write_atomic(name, page, 0o644)?;
        println!("{}", out.join(name).display());
    }
    Ok(0)
}
