//! The fencing gateway's certificates: a CA of the cluster's own, the gateway's server
//! certificate and the nodes' client certificate, all made together at apply.
//!
//! The CA's key is used once and dropped: nothing can be signed by it later, so a lost or
//! edited file means a whole new set, which the plan shows as one.

use crate::model::fencing::{CA_CERT, CLIENT_CERT, CLIENT_KEY, GATEWAY_HOST, GATEWAY_PEM};
use crate::state::Error;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use std::collections::BTreeMap;

/// The contents of each file of a new certificate set, by its path in the deploy directory.
pub fn generate_certificates() -> Result<BTreeMap<&'static str, Vec<u8>>, Error> {
    generate().map_err(|e| Error::Refused(format!("cannot make the fencing certificates: {e}")))
}

fn generate() -> Result<BTreeMap<&'static str, Vec<u8>>, rcgen::Error> {
    let mut ca = CertificateParams::new(Vec::new())?;
    ca.distinguished_name
        .push(DnType::CommonName, "hacc fencing CA");
    ca.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_key = KeyPair::generate()?;
    let ca_cert = ca.self_signed(&ca_key)?;
    let issuer = Issuer::new(ca, ca_key);

    let mut server = CertificateParams::new(vec![GATEWAY_HOST.to_string()])?;
    server
        .distinguished_name
        .push(DnType::CommonName, GATEWAY_HOST);
    server.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let server_key = KeyPair::generate()?;
    let server_cert = server.signed_by(&server_key, &issuer)?;

    let mut client = CertificateParams::new(Vec::new())?;
    client
        .distinguished_name
        .push(DnType::CommonName, "hacc cluster node");
    client.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    client.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let client_key = KeyPair::generate()?;
    let client_cert = client.signed_by(&client_key, &issuer)?;

    Ok(BTreeMap::from([
        (CA_CERT, ca_cert.pem().into_bytes()),
        (CLIENT_CERT, client_cert.pem().into_bytes()),
        (CLIENT_KEY, client_key.serialize_pem().into_bytes()),
        (
            GATEWAY_PEM,
            format!("{}{}", server_cert.pem(), server_key.serialize_pem()).into_bytes(),
        ),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fencing::CERT_FILES;

    #[test]
    fn a_set_has_every_file_and_two_sets_differ() {
        let (a, b) = (
            generate_certificates().unwrap(),
            generate_certificates().unwrap(),
        );
        assert_eq!(a.keys().copied().collect::<Vec<_>>(), {
            let mut files = CERT_FILES.to_vec();
            files.sort_unstable();
            files
        });
        for (path, contents) in &a {
            assert_ne!(contents, &b[path], "{path} was made twice alike");
        }
        let pem = String::from_utf8(a[GATEWAY_PEM].clone()).unwrap();
        assert!(pem.starts_with("-----BEGIN CERTIFICATE-----") && pem.contains("PRIVATE KEY"));
    }
}
