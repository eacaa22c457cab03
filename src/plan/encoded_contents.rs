//! File contents in JSON: `{"text": "..."}` when UTF-8, else `{"base64": "..."}`.
//! `#[serde(with = "encoded_contents")]` on an `Option<Vec<u8>>` that is skipped when none.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Encoded {
    Text(String),
    Base64(String),
}

pub(super) fn serialize<S: Serializer>(bytes: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
    let bytes = bytes.as_deref().expect("skipped when none");
    match std::str::from_utf8(bytes) {
        Ok(text) => Encoded::Text(text.to_string()),
        Err(_) => Encoded::Base64(BASE64.encode(bytes)),
    }
    .serialize(s)
}

pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
    Ok(Some(match Encoded::deserialize(d)? {
        Encoded::Text(text) => text.into_bytes(),
        Encoded::Base64(encoded) => BASE64.decode(encoded).map_err(D::Error::custom)?,
    }))
}
