//! Files only their owner can read: the settings file and the Airbyte configuration.
//!
//! Written safely: the bytes go to a new temp file with a random name in the same folder
//! (created exclusively, mode 0600 from the start, so no secret byte is ever readable by
//! others; on Windows the temp file is created with an access list for the current user alone,
//! see `crate::windows`), synced, then renamed over the target (which keeps it). A rename replaces a symlink at the target
//! instead of following it, and never truncates a file someone else opened.

use std::io::Write;
use std::path::Path;

/// Whether an existing file at the target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Existing {
    /// Replace it (our own settings file).
    Replace,
    /// Fail with `AlreadyExists` (a file the user named: never silently overwritten).
    Keep,
}

/// Writes a file that only its owner can read.
pub(crate) fn write_private(path: &Path, bytes: &[u8], existing: Existing) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // tempfile creates with O_EXCL and mode 0600 on Unix; on Windows the file is created with
    // its owner-only access list.
    #[cfg(not(windows))]
    let mut temp = builder.tempfile_in(dir)?;
    #[cfg(windows)]
    let mut temp = builder.make_in(dir, crate::windows::create_private_file)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    let mut retries = 0;
    loop {
        let persisted = match existing {
            Existing::Replace => temp.persist(path),
            Existing::Keep => temp.persist_noclobber(path),
        };
        match persisted {
            Ok(_) => return Ok(()),
            Err(failed) if retries < RENAME_RETRIES && busy_for_a_moment(&failed.error) => {
                retries += 1;
                temp = failed.file;
                std::thread::sleep(std::time::Duration::from_millis(10 * u64::from(retries)));
            }
            Err(failed) => return Err(failed.error),
        }
    }
}

/// How often a rename Windows refused for a moment is tried again (10 ms, 20 ms, … apart:
/// about 2 s in all).
const RENAME_RETRIES: u32 = 20;

/// Windows refuses to rename over a file another program has open for a moment (a second
/// sfconnect writing the same file, a virus scanner, the search indexer) with "access denied"
/// or a sharing violation; it passes when that program lets go (as Go's `robustio` reads it).
/// Elsewhere a refused rename stays refused.
fn busy_for_a_moment(error: &std::io::Error) -> bool {
    const ERROR_SHARING_VIOLATION: i32 = 32;
    cfg!(windows)
        && (error.kind() == std::io::ErrorKind::PermissionDenied
            || error.raw_os_error() == Some(ERROR_SHARING_VIOLATION))
}

/// Writes an owner-only file, replacing any, after creating its folder (sfconnect's own files).
pub(crate) fn write_private_creating_dir(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir)?;
    }
    write_private(path, bytes, Existing::Replace)
}

/// Creates `dir` (and missing parents) readable by the owner only (mode 0700 on Unix): its file
/// names say which connections exist. A folder that already exists keeps its mode.
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Opens (creating, owner-only) a file that only serves as a lock.
pub(crate) fn open_lock_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Writes a file the user named (owner-only), saying in plain words what went wrong:
/// `exists` is the advice when the file is already there and may not be replaced.
pub(crate) fn write_user_file(
    path: &Path,
    bytes: &[u8],
    existing: Existing,
    exists: &str,
) -> crate::error::Result<()> {
    use crate::error::{Error, Field};
    write_private(path, bytes, existing).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::input(
                Field::OutputFile,
                format!(
                    "{} already exists, so nothing was written. {exists}",
                    path.display()
                ),
            )
        } else {
            Error::File {
                message: format!(
                    "Couldn't write {}: {}. Choose a folder you can write to.",
                    path.display(),
                    e.kind()
                ),
            }
        }
    })
}

#[cfg(test)]
#[path = "tests/fs.rs"]
mod tests;
