//! What claimgraph keeps beside sled in a store directory, so that opening a store never
//! destroys it and a refusal says why:
//!
//! - `claimgraph.lock`: an advisory lock taken before sled is opened, so the checks below
//!   and sled's own recovery never race another claimgraph process;
//! - `claimgraph.holder`: who holds the lock (pid, command line, start time), written on
//!   open and removed on drop, so "in use" names the process;
//! - `claimgraph.manifest`: what was durably committed (articles, chunks) and whether sled
//!   has written a snapshot file. sled 0.34.7 writes its snapshot (`snap.*`) only while
//!   opening; once one exists, a store without it is recovered from the start of the log,
//!   which silently truncates the data file. The manifest lets an open refuse that instead
//!   (`docs/storage.md`, "Failure model").
//!
//! It also removes snapshot files sled left half-written (`snap.*.generating`, left by a
//! full disk or a crash during an open): sled would read one as its newest snapshot and
//! refuse every open.

use super::StoreError;
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// File names inside a store directory.
const LOCK: &str = "claimgraph.lock";
const HOLDER: &str = "claimgraph.holder";
const MANIFEST: &str = "claimgraph.manifest";

/// Errors of the files kept beside sled.
#[derive(Debug, thiserror::Error)]
pub enum GuardError {
    /// A file of the store directory could not be created, read or locked.
    /// A file of the store directory could not be created, read or locked.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
}

/// Holds the store directory's lock and holder file while a [`super::Store`] is open.
#[derive(Debug)]
pub(crate) struct DirGuard {
    /// Kept open for the lock; closing it releases the lock.
    _lock: File,
    holder: PathBuf,
}

impl Drop for DirGuard {
    fn drop(&mut self) {
        // Only our own holder file: a lock we no longer hold may have a new holder.
        if read_holder(self.holder.parent().unwrap_or(Path::new(".")))
            .is_some_and(|h| h.pid == std::process::id())
        {
            let _ = std::fs::remove_file(&self.holder);
        }
    }
}

/// Who holds a store (the contents of `claimgraph.holder`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Holder {
    /// Process id.
    pub(crate) pid: u32,
    /// The command line, arguments joined by spaces.
    pub(crate) command: String,
    /// When it opened the store (RFC 3339, UTC).
    pub(crate) since: String,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "process {} (`{}`, since {})",
            self.pid, self.command, self.since
        )
    }
}

/// What was durably committed, as of the last flush or open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Manifest {
    /// sled has written a snapshot file, so one must be there.
    pub snapshot: bool,
    /// Articles committed.
    pub articles: u64,
    /// Chunks committed.
    pub chunks: u64,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| {
        if is_disk_full(&source) {
            return StoreError::DiskFull {
                path: path.to_path_buf(),
                stored: None,
            };
        }
        StoreError::Guard(GuardError::Io {
            path: path.to_path_buf(),
            source,
        })
    }
}

/// Whether an I/O error means the disk (or quota) is full.
pub(crate) fn is_disk_full(e: &std::io::Error) -> bool {
    // ENOSPC (28) and EDQUOT (122 on Linux) by number too, for kinds std leaves Other.
    e.kind() == std::io::ErrorKind::StorageFull
        || e.kind() == std::io::ErrorKind::QuotaExceeded
        || matches!(e.raw_os_error(), Some(28))
}

/// Takes the directory's lock (creating the directory when `create`), records this
/// process as its holder and removes half-written snapshot files.
pub(crate) fn acquire(dir: &Path, create: bool) -> Result<DirGuard, StoreError> {
    if create {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let lock_path = dir.join(LOCK);
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io(&lock_path))?;
    if let Err(e) = fs2::FileExt::try_lock_exclusive(&lock) {
        if e.kind() == fs2::lock_contended_error().kind()
            || e.kind() == std::io::ErrorKind::WouldBlock
        {
            return Err(StoreError::InUse {
                path: dir.to_path_buf(),
                holder: live_holder(dir).map(|h| h.to_string()),
            });
        }
        return Err(io(&lock_path)(e));
    }
    let holder = Holder {
        pid: std::process::id(),
        command: std::env::args().collect::<Vec<_>>().join(" "),
        since: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    let holder_path = dir.join(HOLDER);
    // The holder file is advice for messages: failing to write it (a full disk) must not
    // keep the store closed.
    if let Ok(json) = serde_json::to_vec(&holder) {
        let _ = write_replacing(&holder_path, &json);
    }
    let guard = DirGuard {
        _lock: lock,
        holder: holder_path,
    };
    remove_half_written_snapshots(dir);
    Ok(guard)
}

/// The holder recorded in `dir`, if its process is still running.
pub(crate) fn live_holder(dir: &Path) -> Option<Holder> {
    read_holder(dir).filter(|h| process_alive(h.pid))
}

fn read_holder(dir: &Path) -> Option<Holder> {
    let bytes = std::fs::read(dir.join(HOLDER)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Whether a process runs (Linux: `/proc/PID`; elsewhere assumed running).
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return true;
    }
    proc.join(pid.to_string()).exists()
}

/// Writes `bytes` to `path` through a temporary file and a rename, so a reader sees the old
/// content or the new, never a torn one. A failure removes the temporary file.
fn write_replacing(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The manifest of `dir`; an absent or unreadable one (a store from an older build, or a
/// rename lost by an OS crash) is `None`, and the checks it would allow are skipped.
pub(crate) fn read_manifest(dir: &Path) -> Option<Manifest> {
    let bytes = std::fs::read(dir.join(MANIFEST)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Records what is durable now. Called only after sled has flushed (or recovered) it, so
/// the manifest never claims more than the store holds; a failure leaves the older,
/// smaller manifest, which is still true.
///
/// A manifest that already says the same is left alone: every open records one, and a
/// reader's open, which changes nothing, then writes no file (the temporary file's write,
/// rename and close cost several ms on a loaded disk).
pub(crate) fn write_manifest(dir: &Path, manifest: Manifest) {
    let Ok(json) = serde_json::to_vec(&manifest) else {
        return;
    };
    let path = dir.join(MANIFEST);
    if std::fs::read(&path).is_ok_and(|held| held == json) {
        return;
    }
    let _ = write_replacing(&path, &json);
}

/// Whether a complete sled snapshot file (`snap.<lsn>`, not `.generating`) is in `dir`.
pub(crate) fn has_snapshot(dir: &Path) -> bool {
    snapshot_files(dir)
        .iter()
        .any(|(name, _)| !name.ends_with(".generating"))
}

fn snapshot_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            name.starts_with("snap.").then(|| (name, e.path()))
        })
        .collect()
}

/// Removes `snap.<16 hex digits>.generating` files that are provably incomplete: sled
/// writes a snapshot to that name, syncs it and renames it, so under our lock (no sled of
/// ours is running here) such a file is a write that never finished. Only files too short
/// to hold sled's trailer, or whose trailer CRC does not match, are removed; a complete
/// one is left for sled to read.
pub(crate) fn remove_half_written_snapshots(dir: &Path) {
    for (name, path) in snapshot_files(dir) {
        let Some(lsn) = name
            .strip_prefix("snap.")
            .and_then(|rest| rest.strip_suffix(".generating"))
        else {
            continue;
        };
        if lsn.len() != 16 || !lsn.bytes().all(|b| b.is_ascii_hexdigit()) {
            continue;
        }
        if snapshot_incomplete(&path) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// sled's snapshot file: payload, 8-byte length, CRC-32 (little-endian) of the payload.
fn snapshot_incomplete(path: &Path) -> bool {
    let mut bytes = Vec::new();
    let Ok(mut f) = File::open(path) else {
        return false;
    };
    if f.read_to_end(&mut bytes).is_err() {
        return false;
    }
    if bytes.len() <= 12 {
        return true;
    }
    let (payload, trailer) = bytes.split_at(bytes.len() - 12);
    let mut crc = [0u8; 4];
    crc.copy_from_slice(&trailer[8..]);
    crc32fast::hash(payload) != u32::from_le_bytes(crc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_incomplete_generating_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("snap.00000000000000AB.generating"), b"").unwrap();
        std::fs::write(
            d.join("snap.00000000000000AC.generating"),
            b"short torn write",
        )
        .unwrap();
        let payload = b"a whole snapshot".to_vec();
        let mut whole = payload.clone();
        whole.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        whole.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
        std::fs::write(d.join("snap.00000000000000AD.generating"), &whole).unwrap();
        std::fs::write(d.join("snap.00000000000000AA"), b"").unwrap();
        std::fs::write(d.join("snap.notours.generating"), b"").unwrap();
        remove_half_written_snapshots(d);
        let mut left: Vec<String> = snapshot_files(d).into_iter().map(|(n, _)| n).collect();
        left.sort();
        assert_eq!(
            left,
            [
                "snap.00000000000000AA",
                "snap.00000000000000AD.generating",
                "snap.notours.generating"
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_manifest_is_rewritten_only_when_it_changes() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let inode = || std::fs::metadata(dir.path().join(MANIFEST)).unwrap().ino();
        let manifest = |articles| Manifest {
            snapshot: true,
            articles,
            chunks: 1,
        };
        write_manifest(dir.path(), manifest(5));
        let first = inode();
        write_manifest(dir.path(), manifest(5));
        assert_eq!(inode(), first, "the same manifest was written again");
        write_manifest(dir.path(), manifest(6));
        assert_ne!(inode(), first, "a changed manifest was not replaced");
        assert_eq!(read_manifest(dir.path()).map(|m| m.articles), Some(6));
    }

    #[test]
    fn a_stale_holder_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let stale = Holder {
            pid: u32::MAX - 1,
            command: "claimgraph shell".into(),
            since: "2026-01-01T00:00:00Z".into(),
        };
        std::fs::write(dir.path().join(HOLDER), serde_json::to_vec(&stale).unwrap()).unwrap();
        assert_eq!(live_holder(dir.path()), None);
        let guard = acquire(dir.path(), false).unwrap();
        let me = live_holder(dir.path()).unwrap();
        assert_eq!(me.pid, std::process::id());
        drop(guard);
        assert!(!dir.path().join(HOLDER).exists());
    }
}
