//! Downloading the official full files (when a network exists).

use std::io::{Read, Write};
use std::path::Path;

/// Downloads `url` to `dest` through a temporary file, renamed only when complete.
pub fn telecharger(url: &str, dest: &Path) -> Result<u64, Box<dyn std::error::Error>> {
    if let Some(d) = dest.parent() {
        std::fs::create_dir_all(d)?;
    }
    let reponse = ureq::get(url).call().map_err(|e| format!("{url}: {e}"))?;
    let mut lecteur = reponse.into_body().into_reader();
    let tmp = dest.with_extension("part");
    let mut f = std::fs::File::create(&tmp)?;
    let mut tampon = vec![0u8; 1 << 16];
    let mut total = 0u64;
    let resultat: std::io::Result<()> = (|| {
        loop {
            let n = lecteur.read(&mut tampon)?;
            if n == 0 {
                break;
            }
            f.write_all(&tampon[..n])?;
            total += n as u64;
        }
        f.sync_all()
    })();
    if let Err(e) = resultat {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("{url}: {e}").into());
    }
    std::fs::rename(&tmp, dest)?;
    Ok(total)
}
