"""Who is reviewing: a name, an optional e-mail and a role, set once and signed on every edit.

A desk needs to know who decided what, so the signature written into each claim edit, decision
and history row is the reviewer's own name (``"Ana Ruiz <ana@desk.example>"``), not the login of
whatever machine they sat at. It is set once — in the window (asked at the first start, changed
in Preferences) or with ``factdesk whoami --set "Name <mail>"`` — and kept in one small JSON file
in the user's configuration folder, read by the window and the command line alike.

The role is part of the identity on a local file: an ``editor`` may settle a claim the reviewers
disagree on, a ``reviewer`` may not. :func:`may_settle` is the one place that says so; a shared
server plugs its own role check in by giving its store a ``may_settle`` method (see
``Review.may_settle``).
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

REVIEWER_ENV = "FACTDESK_REVIEWER"
ROLE_ENV = "FACTDESK_ROLE"
CONFIG_ENV = "FACTDESK_CONFIG_DIR"  # tests and portable installs keep the identity elsewhere
ROLES = ("reviewer", "editor")

# "Name <mail>" or "Name"; the address checked only for the shape people mistype (no @, spaces)
_SIGNATURE = re.compile(r"^\s*(?P<name>[^<>]*?)\s*(?:<\s*(?P<email>[^<>]*?)\s*>)?\s*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


@dataclass(frozen=True, slots=True)
class Reviewer:
    """A reviewer's identity: what edits are signed with, and whether they may settle."""

    name: str
    email: str = ""
    role: str = "reviewer"
    #: where it came from: "flag", "env", "settings" or "login" (the fallback, not chosen)
    source: str = "settings"

    @property
    def signature(self) -> str:
        """What goes into the review: ``Name <mail>``, or the name alone."""
        return f"{self.name} <{self.email}>" if self.email else self.name

    @property
    def is_editor(self) -> bool:
        return self.role == "editor"


def parse_reviewer(text: str, role: str = "reviewer", source: str = "settings") -> Reviewer:
    """``"Name <mail>"`` (or a name alone) into a Reviewer; ValueError with a reason if not."""
    match = _SIGNATURE.match(text or "")
    name = " ".join((match.group("name") if match else "").split())
    email = (match.group("email") or "").strip() if match else ""
    if not match or not name:
        raise ValueError(f"give a name, optionally with an e-mail: \"Name <mail>\" (got {text!r})")
    if email and not _EMAIL.match(email):
        raise ValueError(f"{email!r} does not look like an e-mail address")
    role = (role or "reviewer").strip().lower()
    if role not in ROLES:
        raise ValueError(f"role must be {' or '.join(ROLES)} (got {role!r})")
    return Reviewer(name, email, role, source)


def display_name(signature: str) -> str:
    """A signature as shown in a narrow column: the name without the address."""
    match = _SIGNATURE.match(signature or "")
    name = match.group("name") if match else ""
    return " ".join(name.split()) or signature


def config_dir() -> Path:
    """The user's configuration folder for factdesk (XDG on Linux, the usual places elsewhere)."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    if os.name == "nt":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "factdesk"
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "factdesk"


def identity_file() -> Path:
    return config_dir() / "reviewer.json"


def load_reviewer() -> Reviewer | None:
    """The identity set with ``whoami --set`` or in the window; None when never set (or the
    file is unreadable — the caller then asks again rather than guessing)."""
    try:
        data = json.loads(identity_file().read_text(encoding="utf-8"))
        return parse_reviewer(
            f"{data.get('name', '')} <{data['email']}>" if data.get("email") else data["name"],
            data.get("role", "reviewer"),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def save_reviewer(reviewer: Reviewer) -> Path:
    """Keep the identity for every later run (written to a temporary file, then moved)."""
    path = identity_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    data = {"name": reviewer.name, "email": reviewer.email, "role": reviewer.role}
    try:
        part.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(part, path)
    finally:
        with contextlib.suppress(OSError):
            part.unlink()
    return path


def login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (e.g. a container without one)
        return "unknown"


def current_reviewer(flag: str | None = None, role: str | None = None) -> Reviewer:
    """Who signs this run's edits: ``--reviewer``, else ``$FACTDESK_REVIEWER``, else the saved
    identity, else the login name (``source == "login"``: the caller says how to set one).

    ``role`` (``--role``, else ``$FACTDESK_ROLE``) overrides the saved role.
    """
    role = role or os.environ.get(ROLE_ENV, "").strip() or None
    saved = load_reviewer()
    for text, source in ((flag, "flag"), (os.environ.get(REVIEWER_ENV), "env")):
        if text and text.strip():
            same = saved is not None and parse_reviewer(text).name == saved.name
            return parse_reviewer(text, role or (saved.role if same else "reviewer"), source)
    if saved is not None:
        return parse_reviewer(saved.signature, role or saved.role, "settings")
    role = (role or "reviewer").strip().lower()
    if role not in ROLES:  # as for a chosen name: a mistyped $FACTDESK_ROLE is refused
        raise ValueError(f"role must be {' or '.join(ROLES)} (got {role!r})")
    return Reviewer(login_name(), "", role, "login")


def may_settle(reviewer: Reviewer) -> bool:
    """Whether this reviewer may settle claims on a local file: editors only."""
    return reviewer.is_editor


NOT_AN_EDITOR = (
    "only an editor settles a claim; {who} is a reviewer (set the role with "
    "`factdesk whoami --set \"Name <mail>\" --role editor`, or in the window's Preferences)"
)
