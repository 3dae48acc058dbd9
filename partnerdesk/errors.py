"""Expected storage failures, each with a message a facilitator can act on."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """A failure the user should be told about; never a bug."""

    title = "Workspace problem"

    def __init__(self, message: str, path: Path | str | None = None):
        super().__init__(message)
        self.path = Path(path) if path is not None else None

    @property
    def user_message(self) -> str:
        text = str(self)
        if self.path is not None and str(self.path) not in text:
            text = f"{text}\n\nFile: {self.path}"
        return text


class NotAWorkspace(StorageError):
    """Not SQLite at all, an empty file, or another application's database."""

    title = "Not a PartnerDesk workspace"


class NewerVersion(StorageError):
    """Written by a newer PartnerDesk; opening it could lose what that version stored."""

    title = "Workspace from a newer version"


class CorruptWorkspace(StorageError):
    """The file fails SQLite's integrity check."""

    title = "Damaged workspace"


class ForeignWal(StorageError):
    """A -wal beside the file that does not provably belong to it: left untouched, not applied."""

    title = "Unsaved changes of unknown origin"


class WorkspaceInUse(StorageError):
    """Another PartnerDesk has the workspace open for writing."""

    title = "Workspace open elsewhere"


class WriteFailed(StorageError):
    """A change could not be written (disk full, read-only file...); earlier changes are intact."""

    title = "Change not saved"


class InvalidValue(StorageError):
    """A value the store refuses to keep (NaN or infinite coordinates, unknown fields)."""

    title = "Value not accepted"
