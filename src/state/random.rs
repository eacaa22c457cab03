//! Random bytes from the operating system: for secrets and for a directory's identity.

use super::{Error, io_error};
use std::io::Read;
use std::path::Path;

pub fn random_bytes(len: usize) -> Result<Vec<u8>, Error> {
    let source = Path::new("/dev/urandom");
    let mut bytes = vec![0; len];
    std::fs::File::open(source)
        .and_then(|mut random| random.read_exact(&mut bytes))
        .map_err(io_error("read", source))?;
    Ok(bytes)
}
