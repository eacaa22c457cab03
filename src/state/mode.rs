//! File modes in JSON as octal strings ("0644"), the way people read them.

/// `#[serde(with = "octal_mode")]` for a `u32` mode.
pub mod octal_mode {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(mode: &u32, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!("{mode:04o}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
        let text = String::deserialize(deserializer)?;
        match u32::from_str_radix(&text, 8) {
            Ok(mode) if mode <= 0o7777 => Ok(mode),
            _ => Err(D::Error::custom(format!(
                "`{text}` is not an octal file mode"
            ))),
        }
    }
}

/// `#[serde(with = "optional_octal_mode")]` for an `Option<u32>` mode.
pub mod optional_octal_mode {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(mode: &Option<u32>, serializer: S) -> Result<S::Ok, S::Error> {
        match mode {
            Some(mode) => super::octal_mode::serialize(mode, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<u32>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(with = "super::octal_mode")] u32);
        Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|Wrapped(mode)| mode))
    }
}
