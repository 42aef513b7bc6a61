//! Every file the tool writes (`plan -o`, `plan --check FILE --update`, `route --fix`)
//! goes through [`write_with`], which keeps these rules:
//!
//! - A path that names an input (the same file: device and inode, whatever the path
//!   text) is refused, so a plan never lands on the spec it was made from.
//! - A regular file is replaced atomically: the text goes to a temporary file in the
//!   destination's directory, which is renamed over it. A reader, or a CI job that
//!   fails half-way, sees the old file or the new one, never a torn one; on any failure
//!   the old file is byte-identical and the temporary file is gone.
//! - A symbolic link is followed: its final target is replaced, and the link stays.
//! - Anything that is not a regular file (a device such as `/dev/null`, a FIFO,
//!   `/dev/stdout` on a pipe or terminal) is written directly and never replaced; so is
//!   a name of an open file descriptor (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`,
//!   or a link to one): `-o /dev/stdout` with standard output sent to a file appends
//!   there, as the shell set it up.
//! - A read-only file (no write bit in its mode, which holds even for root, or one
//!   the process may not open for writing) is refused rather than replaced.
//! - The new file keeps the old one's permission bits, and its owner and group where
//!   the process may set them.
//! - A file with other hard links is replaced at its path like any other: the path
//!   gets the new text, and the other names keep the old file, as they would after
//!   `mv`. Writing into the shared file in place would give up atomicity.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a write was not made; the destination is as it was.
#[derive(Debug)]
pub enum WriteError {
    /// The destination is the same file as this input.
    IsInput(PathBuf),
    /// The destination is a read-only file.
    ReadOnly,
    /// The destination is a chain of symbolic links too long (or circular) to follow.
    TooManyLinks,
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            WriteError::IsInput(input) => write!(
                f,
                "it is the input {}; refusing to write over it",
                input.display()
            ),
            WriteError::ReadOnly => f.write_str("the file is read-only; refusing to replace it"),
            WriteError::TooManyLinks => f.write_str("too many levels of symbolic links"),
            WriteError::Io(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for WriteError {}

impl From<std::io::Error> for WriteError {
    fn from(error: std::io::Error) -> Self {
        WriteError::Io(error)
    }
}

/// Writes `contents` to `path` by the rules above, never over one of `inputs`.
pub fn write(path: &Path, inputs: &[&Path], contents: &[u8]) -> Result<(), WriteError> {
    write_with(path, inputs, |out| out.write_all(contents))
}

/// Writes to `path` by the rules above whatever `fill` writes, never over one of
/// `inputs`. If `fill` fails, or anything after it does, the error is returned and a
/// regular file at `path` is left as it was.
pub fn write_with(
    path: &Path,
    inputs: &[&Path],
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    // Following links, as opening the path would.
    let existing = match std::fs::metadata(path) {
        Ok(metadata) => Some(metadata),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(error.into()),
    };
    if let Some(metadata) = &existing {
        if let Some(input) = inputs.iter().find(|input| same_file(metadata, input)) {
            return Err(WriteError::IsInput(input.to_path_buf()));
        }
        if is_stream(path) {
            // `/dev/stdout` and its kind name an open stream, even when the shell has
            // sent it to a regular file: replacing that file would lose what else was
            // written there, so the text is appended where the stream stands.
            let mut file = OpenOptions::new().append(true).open(path)?;
            return write_buffered(&mut file, fill);
        }
        if !metadata.is_file() {
            // A device or FIFO has no text to keep and must not become a regular file;
            // the OS follows any links. A directory fails to open here.
            let mut file = OpenOptions::new().write(true).truncate(true).open(path)?;
            return write_buffered(&mut file, fill);
        }
        if metadata.permissions().readonly() {
            return Err(WriteError::ReadOnly);
        }
        // Not read-only by its mode but perhaps not ours to write: opening without
        // truncating asks the OS and changes nothing.
        if let Err(error) = OpenOptions::new().write(true).open(path) {
            return Err(match error.kind() {
                std::io::ErrorKind::PermissionDenied => WriteError::ReadOnly,
                _ => error.into(),
            });
        }
    }
    replace(&final_target(path)?, existing.as_ref(), fill)
}

/// Whether `input` names the file described by `destination`.
fn same_file(destination: &std::fs::Metadata, input: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(input)
            .is_ok_and(|input| input.dev() == destination.dev() && input.ino() == destination.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = destination;
        false
    }
}

/// Whether `path`, or a link it goes through, names an open file descriptor —
/// `/dev/stdout` (a link to `/proc/self/fd/1`), `/dev/stderr`, `/dev/fd/3` — a stream,
/// not a file to replace.
fn is_stream(path: &Path) -> bool {
    let special = |path: &Path| {
        ["/dev/stdout", "/dev/stderr", "/dev/stdin", "/dev/fd"]
            .iter()
            .any(|name| path.starts_with(name))
            || (path.starts_with("/proc") && path.components().any(|c| c.as_os_str() == "fd"))
    };
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        if special(&current) {
            return true;
        }
        match std::fs::read_link(&current) {
            // A relative target is relative to the link's own directory.
            Ok(target) => {
                current = match current.parent() {
                    Some(parent) => parent.join(target),
                    None => target,
                }
            }
            Err(_) => return false,
        }
    }
    false
}

/// How many symbolic links are followed before giving up, as Linux's own limit.
const MAX_LINKS: usize = 40;

/// The path past every symbolic link `path` goes through, so that the rename replaces
/// the link's target rather than the link. A link whose target does not exist yet
/// resolves to that target, which is then created.
fn final_target(path: &Path) -> Result<PathBuf, WriteError> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let is_link = std::fs::symlink_metadata(&current)
            .is_ok_and(|metadata| metadata.file_type().is_symlink());
        if !is_link {
            return Ok(current);
        }
        let target = std::fs::read_link(&current)?;
        // A relative target is relative to the link's own directory.
        current = match current.parent() {
            Some(parent) => parent.join(target),
            None => target,
        };
    }
    Err(WriteError::TooManyLinks)
}

fn write_buffered(
    file: &mut File,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let mut buffered = std::io::BufWriter::new(file);
    fill(&mut buffered)?;
    buffered.flush()?;
    Ok(())
}

/// Replaces the regular file (or nothing) at `path` by a temporary file beside it:
/// a rename is only atomic within one filesystem.
fn replace(
    path: &Path,
    existing: Option<&std::fs::Metadata>,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".shotlist-").suffix(".tmp");
    // A temporary file is private (0600) by default; the file it becomes should keep the
    // destination's mode, or get the mode of any new file (0666 less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = existing.map_or_else(
            || std::fs::Permissions::from_mode(0o666),
            std::fs::Metadata::permissions,
        );
        builder.permissions(permissions);
    }
    // Dropped on any early return, which deletes the temporary file.
    let mut file = builder.tempfile_in(directory)?;
    if let Some(existing) = existing {
        #[cfg(unix)]
        keep_owner(file.as_file(), existing);
        // Set again, whole: the mode given at creation is narrowed by the umask, and a
        // change of owner may clear set-id bits.
        file.as_file().set_permissions(existing.permissions())?;
    }
    write_buffered(file.as_file_mut(), fill)?;
    // Flushed to disk before the rename, so a crash cannot leave an empty file in place.
    file.as_file().sync_all()?;
    file.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// Gives the new file the old one's owner and group where the process may: root may
/// set both, a user only a group they belong to, and anyone what they already have.
/// Where neither is allowed the file is still written, owned by whoever writes it.
#[cfg(unix)]
fn keep_owner(file: &File, existing: &std::fs::Metadata) {
    use std::os::unix::fs::{MetadataExt, fchown};
    if fchown(file, Some(existing.uid()), Some(existing.gid())).is_err() {
        // Not permitted: the group alone may still be.
        let _ = fchown(file, None, Some(existing.gid()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files in a directory, by name.
    fn entries(directory: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(directory)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// The type of the file at `path` itself, a link not followed.
    fn kind(path: &Path) -> std::fs::FileType {
        std::fs::symlink_metadata(path).unwrap().file_type()
    }

    fn is_root() -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // A file just made is owned by the process's effective user.
            let probe = tempfile::tempfile().unwrap();
            probe.metadata().unwrap().uid() == 0
        }
        #[cfg(not(unix))]
        false
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("plan.json");
        std::fs::write(&path, "old").unwrap();
        write(&path, &[], b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(entries(directory.path()), ["plan.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_mode_of_the_file_it_replaces_whatever_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let directory = tempfile::tempdir().unwrap();
        for mode in [0o640, 0o666, 0o600] {
            let path = directory.path().join("plan.md");
            std::fs::write(&path, "old").unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            write(&path, &[], b"new").unwrap();
            let kept = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(kept & 0o7777, mode, "{mode:o}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_owner_and_group_where_the_process_may() {
        use std::os::unix::fs::{MetadataExt, chown};
        if !is_root() {
            eprintln!("skipped: only root may give a file to another user");
            return;
        }
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("plan.json");
        std::fs::write(&path, "old").unwrap();
        chown(&path, Some(4321), Some(8765)).unwrap();
        write(&path, &[], b"new").unwrap();
        let metadata = std::fs::metadata(&path).unwrap();
        assert_eq!((metadata.uid(), metadata.gid()), (4321, 8765));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn a_failure_mid_write_leaves_the_original_and_no_temporary() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("plan.json");
        let original = b"{\"the\": \"original plan\"}\n".repeat(1000);
        std::fs::write(&path, &original).unwrap();
        let error = write_with(&path, &[], |out| {
            // Past the buffer, so that part of the new text is on disk when it fails.
            out.write_all(&vec![b'x'; 64 * 1024])?;
            Err(std::io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "disk full");
        assert_eq!(std::fs::read(&path).unwrap(), original, "byte-identical");
        assert_eq!(entries(directory.path()), ["plan.json"]);
    }

    #[test]
    fn a_failed_write_into_a_directory_leaves_it_and_no_temporary() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("spec.yaml");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("inside"), "kept").unwrap();
        assert!(write(&path, &[], b"new").is_err());
        assert!(path.is_dir());
        assert_eq!(
            std::fs::read_to_string(path.join("inside")).unwrap(),
            "kept"
        );
        assert_eq!(entries(directory.path()), ["spec.yaml"]);
    }

    #[test]
    fn a_missing_directory_is_an_error_not_a_panic() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("missing").join("plan.json");
        assert!(write(&path, &[], b"text").is_err());
    }

    #[test]
    fn the_input_is_refused_by_identity_not_by_path_text() {
        let directory = tempfile::tempdir().unwrap();
        let spec = directory.path().join("spec.yaml");
        std::fs::write(&spec, "the spec").unwrap();
        // The same file under another spelling.
        let spelled = directory.path().join(".").join("spec.yaml");
        let error = write(&spelled, &[&spec], b"a plan").unwrap_err();
        assert!(matches!(error, WriteError::IsInput(_)), "{error}");
        assert_eq!(std::fs::read_to_string(&spec).unwrap(), "the spec");
        // Another file is not the input, even with the same name elsewhere.
        let other = directory.path().join("other");
        std::fs::create_dir(&other).unwrap();
        write(&other.join("spec.yaml"), &[&spec], b"a plan").unwrap();
        assert_eq!(entries(directory.path()), ["other", "spec.yaml"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_to_the_input_is_the_input() {
        let directory = tempfile::tempdir().unwrap();
        let spec = directory.path().join("spec.yaml");
        std::fs::write(&spec, "the spec").unwrap();
        let link = directory.path().join("plan.json");
        std::os::unix::fs::symlink("spec.yaml", &link).unwrap();
        assert!(matches!(
            write(&link, &[&spec], b"a plan"),
            Err(WriteError::IsInput(_))
        ));
        assert_eq!(std::fs::read_to_string(&spec).unwrap(), "the spec");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_kept_and_its_target_replaced() {
        let directory = tempfile::tempdir().unwrap();
        let plans = directory.path().join("plans");
        std::fs::create_dir(&plans).unwrap();
        let target = plans.join("plan.json");
        std::fs::write(&target, "old").unwrap();
        // A relative link through a second link: each is relative to its own directory.
        let first = directory.path().join("first");
        std::os::unix::fs::symlink("plans/plan.json", &first).unwrap();
        let link = directory.path().join("latest.json");
        std::os::unix::fs::symlink("first", &link).unwrap();
        write(&link, &[], b"new").unwrap();
        assert!(kind(&link).is_symlink());
        assert!(kind(&first).is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(
            entries(&plans),
            ["plan.json"],
            "the temporary went beside the target"
        );

        // A link to a file not yet made makes it.
        let dangling = directory.path().join("dangling");
        std::os::unix::fs::symlink("plans/new.json", &dangling).unwrap();
        write(&dangling, &[], b"made").unwrap();
        assert!(kind(&dangling).is_symlink());
        assert_eq!(
            std::fs::read_to_string(plans.join("new.json")).unwrap(),
            "made"
        );

        // A loop is an error, not a hang.
        let looped = directory.path().join("loop");
        std::os::unix::fs::symlink("loop", &looped).unwrap();
        assert!(write(&looped, &[], b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_refused_even_for_root() {
        use std::os::unix::fs::PermissionsExt;
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("plan.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let error = write(&path, &[], b"new").unwrap_err();
        assert!(matches!(error, WriteError::ReadOnly), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o444);
        assert_eq!(entries(directory.path()), ["plan.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_link_keeps_the_old_text_under_its_other_name() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("plan.json");
        let other = directory.path().join("also.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::hard_link(&path, &other).unwrap();
        write(&path, &[], b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "old");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_into_and_stays_a_fifo() {
        use std::os::unix::fs::FileTypeExt;
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if !made.is_ok_and(|status| status.success()) {
            eprintln!("skipped: `mkfifo` is not available to make a FIFO");
            return;
        }
        // A FIFO opens for writing only once a reader has it open.
        let reader = {
            let path = path.clone();
            std::thread::spawn(move || std::fs::read(path).unwrap())
        };
        write(&path, &[], b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(kind(&path).is_fifo());
        assert_eq!(entries(directory.path()), ["pipe"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_into_and_never_replaced() {
        use std::os::unix::fs::FileTypeExt;
        // A device of our own: the sandbox's /dev/null may be a regular file.
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("null");
        let made = std::process::Command::new("mknod")
            .arg(&path)
            .args(["c", "1", "3"])
            .status();
        if !made.is_ok_and(|status| status.success()) {
            eprintln!("skipped: making a device needs root and `mknod`");
            return;
        }
        write(&path, &[], b"into the void").unwrap();
        assert!(kind(&path).is_char_device(), "still a device");
        assert_eq!(entries(directory.path()), ["null"]);
        // Through a link too: the link and the device both stay.
        let link = directory.path().join("link");
        std::os::unix::fs::symlink("null", &link).unwrap();
        write(&link, &[], b"again").unwrap();
        assert!(kind(&link).is_symlink());
        assert!(kind(&path).is_char_device());
    }
}
