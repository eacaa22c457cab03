//! What the importer keeps beside the configuration: where each object came from.

use miette::SourceSpan;
use std::collections::HashMap;

/// Where an object of the configuration came from, for pointing at it later.
#[derive(Debug, Clone)]
pub struct Origin {
    pub span: SourceSpan,
    pub path: String,
}

/// What the spec needs beside the configuration.
#[derive(Debug, Default)]
pub struct Extras {
    /// `cluster-name` from `crm_config`, when set.
    pub cluster_name: Option<String>,
    /// By object key: `property:NAME`, `node:UNAME`, `resource:ID`, `constraint:ID`,
    /// `fencing:TARGET:INDEX`, `rsc_defaults`, `op_defaults`, and `cib` for the document.
    pub origins: HashMap<String, Origin>,
}
