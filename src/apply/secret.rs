use crate::state::{Error, io_error};
use std::io::Read;
use std::path::Path;

/// Size of the corosync authkey (corosync-keygen's default).
pub const SECRET_BYTES: usize = 256;

/// Fresh key material from the operating system's random source.
pub fn generate_secret() -> Result<Vec<u8>, Error> {
    let source = Path::new("/dev/urandom");
    let mut key = vec![0; SECRET_BYTES];
    std::fs::File::open(source)
        .and_then(|mut random| random.read_exact(&mut key))
        .map_err(io_error("read", source))?;
    Ok(key)
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
