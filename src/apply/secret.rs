use crate::state::{Error, random_bytes};

/// Size of the corosync authkey (corosync-keygen's default).
pub(super) const SECRET_BYTES: usize = 256;

/// Fresh key material from the operating system's random source.
pub fn generate_secret() -> Result<Vec<u8>, Error> {
    random_bytes(SECRET_BYTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_keys_differ() {
        let (a, b) = (generate_secret().unwrap(), generate_secret().unwrap());
        assert_eq!(a.len(), SECRET_BYTES);
        assert_ne!(a, b);
    }
}
