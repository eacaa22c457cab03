//! Corosync transport and crypto: deprecated transports, encryption off, cipher without hash.

use crate::diagnostic::{self as diag, Diagnostic, Diagnostics};
use crate::model::{Corosync, Transport};

pub(super) fn check(corosync: &Corosync, diags: &mut Diagnostics) {
    let transport = &corosync.transport;
    let (cipher, hash) = (&corosync.crypto_cipher, &corosync.crypto_hash);
    if transport.value != Transport::Knet {
        diags.push(
            Diagnostic::new(
                &diag::DEPRECATED_TRANSPORT,
                transport.span,
                format!("transport `{}` is deprecated", transport.value.as_str()),
            )
            .label("deprecated in corosync 3")
            .help("use `knet` (the default): several links, encryption and authentication"),
        );
    }
    if cipher.value != "none" && hash.value == "none" {
        let diagnostic = Diagnostic::new(
            &diag::CIPHER_WITHOUT_HASH,
            cipher.span,
            format!("`crypto-cipher` `{cipher}` needs a `crypto-hash`"),
        )
        .label("encryption without authentication");
        // Point at the hash only when the spec wrote it.
        let diagnostic = if hash.span == cipher.span {
            diagnostic
        } else {
            diagnostic.related(hash.span, "hash is `none`")
        };
        diags.push(diagnostic.help("set `crypto-hash=\"sha256\"` (or stronger), or turn both off"));
    } else if transport.value == Transport::Knet && cipher.value == "none" {
        diags.push(
            Diagnostic::new(
                &diag::CRYPTO_OFF,
                cipher.span,
                "corosync traffic is not encrypted",
            )
            .label("encryption off")
            .help("remove `crypto-cipher` to get the default aes256 with sha256"),
        );
    }
}
