//! `hacc-entrypoint`: the node container's PID 1, running corosync and pacemaker.

use super::{Artifact, RenderError, templates};
use crate::model::{Checked, Transport};
use serde::Serialize;

#[derive(Serialize)]
struct Context {
    header: &'static str,
    authkey: bool,
}

pub(super) fn render(checked: &Checked) -> Result<Artifact, RenderError> {
    let context = Context {
        header: super::HEADER,
        authkey: needs_authkey(checked),
    };
    templates::script("hacc-entrypoint", "entrypoint.sh.j2", context)
}

/// Whether corosync reads `/etc/corosync/authkey`: knet with a cipher or a hash.
pub(super) fn needs_authkey(checked: &Checked) -> bool {
    let corosync = &checked.cluster().corosync;
    corosync.transport.value == Transport::Knet
        && (corosync.crypto_cipher.value != "none" || corosync.crypto_hash.value != "none")
}
