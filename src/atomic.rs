//! Atomic file writes for every command that writes a file: the text goes to a
//! temporary file in the destination's directory, which is then renamed over the
//! destination. A reader, or a CI job that fails half-way, sees the old file or the new
//! one, never a torn one.

use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` atomically.
pub fn write(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_with(path, |out| out.write_all(contents))
}

/// Writes to `path` atomically whatever `fill` writes: if `fill` fails, or anything after
/// it does, the error is returned, `path` is left as it was, and the temporary file is
/// removed. The temporary file lives beside `path` because a rename is only atomic
/// within one filesystem.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
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
        let permissions = std::fs::metadata(path).map_or_else(
            |_| std::fs::Permissions::from_mode(0o666),
            |existing| existing.permissions(),
        );
        builder.permissions(permissions);
    }
    // Dropped on any early return, which deletes the temporary file.
    let mut file = builder.tempfile_in(directory)?;
    {
        let mut buffered = std::io::BufWriter::new(file.as_file_mut());
        fill(&mut buffered)?;
        buffered.flush()?;
    }
    // Flushed to disk before the rename, so a crash cannot leave an empty file in place.
    file.as_file().sync_all()?;
    file.persist(path).map_err(|error| error.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("plan.json");
        std::fs::write(&path, "old").unwrap();
        write(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let entries = std::fs::read_dir(directory.path()).unwrap().count();
        assert_eq!(entries, 1, "only the destination remains");
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_mode_of_the_file_it_replaces() {
        use std::os::unix::fs::PermissionsExt;
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("plan.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write(&path, b"new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    /// The files in a directory, by name.
    fn entries(directory: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(directory)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failure_mid_write_leaves_the_original_and_no_temporary() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("plan.json");
        let original = b"{\"the\": \"original plan\"}\n".repeat(1000);
        std::fs::write(&path, &original).unwrap();
        let error = write_with(&path, |out| {
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
    fn a_failed_rename_leaves_the_destination_and_no_temporary() {
        // A directory where the file should go: the write succeeds, the rename cannot.
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("plan.json");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("inside"), "kept").unwrap();
        assert!(write(&path, b"new").is_err());
        assert!(path.is_dir());
        assert_eq!(
            std::fs::read_to_string(path.join("inside")).unwrap(),
            "kept"
        );
        assert_eq!(entries(directory.path()), ["plan.json"]);
    }

    #[test]
    fn a_failed_write_leaves_the_destination_as_it_was_and_no_temporary_behind() {
        let directory = tempfile::tempdir().unwrap();
        // The rename fails when a directory stands where the file should go.
        let path = directory.path().join("spec.yaml");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("inside"), "kept").unwrap();
        assert!(write(&path, b"new").is_err());
        assert_eq!(
            std::fs::read_to_string(path.join("inside")).unwrap(),
            "kept"
        );
        let names: Vec<_> = std::fs::read_dir(directory.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["spec.yaml"], "the temporary file is removed");
    }

    #[test]
    fn a_missing_directory_is_an_error_not_a_panic() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("missing").join("plan.json");
        assert!(write(&path, b"text").is_err());
    }
}
