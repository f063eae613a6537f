"""Hand-in through an inbox: a student submits, the instructor collects; no e-mailed files.

``dsrlab.submit()`` (or the Hand in button) writes the student's submission (the same
JSON that :func:`~dsrlab.exercises.export.export_answers` writes) into the **inbox**, a
folder named by ``DSRLAB_INBOX``; ``dsrlab collect --inbox`` merges every entry there.

Design: the operating system keeps students apart, so the inbox needs no server.

* The inbox is a *drop folder* the instructor creates once, e.g. on a Littlest
  JupyterHub where every student is a system user::

      install -d -m 3733 -o instructor -g instructors /srv/dsrlab/inbox

  ``3733`` is ``rwx-wx-wx`` plus the setgid and sticky bits. Students may create files in
  it (``w`` and ``x``) but cannot list it (no ``r``), so they cannot even see which
  entries exist; the sticky bit stops anyone but an entry's owner (and the folder's
  owner) renaming, replacing or deleting it; setgid gives every entry the folder's group
  (``instructors``), whose members can read it. ``1733`` without a group works when the
  instructor collects as root.
* Each student has one entry, named after their **account** (``JUPYTERHUB_USER``, else
  their login name): ``<account>.json``. Submitting again replaces it, so a class is seen
  once per student. The entry is written to a temporary file *in the inbox*, synced, made
  ``0640`` (owner read-write, the instructors' group read, nobody else), and only then
  renamed to its name: the instructor never reads half an entry, and another student,
  being neither owner nor in the group, cannot read it.
* A student cannot overwrite a classmate's entry (the sticky bit refuses the rename);
  one who creates an entry under a classmate's account name first is caught by
  :func:`inbox_files`, which skips any entry whose file owner is not that account (nor
  ``jupyter-<account>``, The Littlest JupyterHub's naming, nor the collector).
* Where the operating system does not separate students (the ``make hub`` demo, whose
  simple spawner runs every student as one system user, or Kubernetes pods that all run
  as the same uid), the inbox still collects, but it cannot keep students apart: say so
  to the class, or give each pod its own inbox volume.

Examples
--------
>>> import tempfile, os
>>> inbox = tempfile.mkdtemp()
>>> _ = answers.record("00.4", 51, correct=True, student="Ana")
>>> entry = submit(inbox, student="Ana", account="ana")
>>> entry.name, oct(entry.stat().st_mode & 0o777)
('ana.json', '0o640')
>>> [p.name for p, _ in inbox_files(inbox)]
['ana.json']
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from ..base.errors import UsageError
from ..base.files import write_atomic
from ..base.i18n import get_language, t
from . import store as answers
from .export import submission

__all__ = ["INBOX_ENV", "ENTRY_MODE", "inbox_dir", "account_name", "submit", "inbox_files",
           "inbox_warnings", "entry_problem"]

#: the environment variable that names the inbox folder
INBOX_ENV = "DSRLAB_INBOX"
#: an entry's permissions: the student reads and writes it, the instructors' group reads it
ENTRY_MODE = 0o640
_ACCOUNT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


def inbox_dir(inbox=None, lang: str | None = None) -> Path:
    """The inbox folder: ``inbox`` if given, else ``DSRLAB_INBOX``; it must already exist."""
    raw = inbox if inbox is not None else os.environ.get(INBOX_ENV, "")
    if not str(raw).strip():
        raise UsageError(t("widgets.inbox_unset", lang, env=INBOX_ENV))
    folder = Path(str(raw).strip()).expanduser()
    if not folder.is_dir():
        raise UsageError(t("widgets.inbox_missing", lang, folder=_cut(str(folder))))
    return folder


def account_name(lang: str | None = None) -> str:
    """Whose entry: ``JUPYTERHUB_USER`` on a hub, else the login name of this process."""
    name = os.environ.get("JUPYTERHUB_USER", "").strip()
    if not name:
        import pwd

        try:
            name = pwd.getpwuid(os.getuid()).pw_name
        except KeyError:  # a uid without a passwd entry (some containers)
            name = f"uid{os.getuid()}"
    return _check_account(name, lang)


def _check_account(name: str, lang: str | None = None) -> str:
    if not _ACCOUNT.fullmatch(name):
        raise UsageError(t("widgets.inbox_bad_account", lang, account=_cut(repr(name), 40)))
    return name


def submit(inbox=None, *, student: str | None = None, account: str | None = None,
           lang: str | None = None) -> Path:
    """Hand in the current student's answers: write ``<account>.json`` into the inbox.

    Returns the entry's path. Raises :class:`UsageError` (one line, in the student's
    language) when no inbox is set, the student has no name or no saved answers, or the
    inbox refuses the entry.
    """
    from .session import flush

    lang = lang or get_language()
    folder = inbox_dir(inbox, lang)
    acct = _check_account(account, lang) if account else account_name(lang)
    name = student or answers.get_student()
    if name.casefold() == answers.ANONYMOUS:
        raise UsageError(t("widgets.export_needs_name", lang))
    flush()  # answers kept in memory go in first (or the store's error stops us here)
    if not answers.history(student=name):
        raise UsageError(t("widgets.handin_nothing", lang, name=name))
    doc = submission(name, lang)
    doc["account"] = acct
    target = folder / f"{acct}.json"
    try:
        write_atomic(target, json.dumps(doc, ensure_ascii=False, indent=2) + "\n",
                     mode=ENTRY_MODE)
    except PermissionError:
        # the sticky inbox refuses to let us replace an entry another account owns,
        # or the folder is not writable for us at all
        key = "widgets.handin_taken" if target.exists() else "widgets.handin_refused"
        raise UsageError(t(key, lang, folder=_cut(str(folder)), entry=target.name)) from None
    return target


def inbox_files(inbox=None) -> list[tuple[Path, str | None]]:
    """(Instructor) every entry in the inbox, with the reason to skip it (None: merge it).

    An entry is skipped when its name is not an account name, or when its file belongs to
    another system user than the account it is named after (a student who wrote under a
    classmate's name), unless the collector owns it (one shared system user).
    """
    folder = inbox_dir(inbox, "en")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise UsageError(f"cannot list the inbox {_cut(str(folder))!r} (no read permission); "
                         "collect as its owner, a member of its group, or root")
    out = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix != ".json":
            continue  # temporaries of a hand-in in progress, and anything not an entry
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode):
            out.append((path, "not a regular file"))
        else:
            owner = None if info.st_uid == os.getuid() else _owner(info.st_uid)
            out.append((path, entry_problem(path.stem, owner)))
    return out


def entry_problem(account: str, owner: str | None) -> str | None:
    """Why the entry ``<account>.json`` written by system user ``owner`` cannot be trusted
    (``owner`` None: the collector wrote it, as on a hub with one shared system user).

    Examples
    --------
    >>> entry_problem("ana", "ana"), entry_problem("ana", "jupyter-ana"), entry_problem("ana", None)
    (None, None, None)
    >>> entry_problem("ana", "jupyter-ben")
    "written by system user 'jupyter-ben', not by the account 'ana' it is named after"
    >>> entry_problem("../x", None)
    'the name is not an account name'
    """
    if not _ACCOUNT.fullmatch(account):
        return "the name is not an account name"
    if owner is not None and owner not in (account, f"jupyter-{account}"):
        return (f"written by system user {owner!r}, not by the account {account!r} it is "
                "named after")
    return None


def inbox_warnings(inbox=None) -> list[str]:
    """What is unsafe about the inbox's permissions (empty when students are kept apart)."""
    folder = inbox_dir(inbox, "en")
    mode = folder.stat().st_mode
    found = []
    if mode & stat.S_IROTH:
        found.append(f"students can list the inbox {_cut(str(folder))!r} (others may read "
                     "it); make it a drop folder: chmod 1733 (or 3733 with a group)")
    if mode & stat.S_IWOTH and not mode & stat.S_ISVTX:
        found.append(f"students can delete each other's entries in {_cut(str(folder))!r} "
                     "(no sticky bit); chmod +t it")
    return found


def _owner(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid{uid}"


def _cut(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
