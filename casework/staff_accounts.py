"""Staff accounts, their sessions and the audit log, in the staff store.

Passwords are hashed with argon2. After MAX_FAILURES wrong passwords in a row an
account is locked for LOCK_MINUTES, which slows guessing to a crawl. Session
tokens are random (256 bits) and only their SHA-256 is stored, so a copy of the
database does not let anyone in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from casework.store import CaseworkStore

ROLES = ("staff", "admin")
MIN_PASSWORD_LENGTH = 12
MAX_FAILURES = 5
LOCK_MINUTES = 15
SESSION_HOURS = 8
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_hasher = PasswordHasher()
# Checked when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password")


class AccountError(ValueError):
    """A staff account cannot be made as asked; the message says why."""


class LoginRefused(Exception):
    def __init__(self, locked: bool) -> None:
        super().__init__("locked" if locked else "wrong email or password")
        self.locked = locked


@dataclass(frozen=True)
class StaffSession:
    email: str
    name: str
    role: str
    csrf_token: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class StaffAccounts:
    def __init__(self, store: CaseworkStore) -> None:
        self.db = store.db

    def save_user(self, email: str, name: str, role: str, password: str) -> None:
        """Create a staff user, or replace the role and password of an existing one."""
        email = email.strip().lower()
        if not EMAIL.match(email):
            raise AccountError(f"'{email}' is not an email address.")
        if role not in ROLES:
            raise AccountError(f"The role must be one of: {', '.join(ROLES)}.")
        if len(password) < MIN_PASSWORD_LENGTH:
            raise AccountError(f"The password must be at least {MIN_PASSWORD_LENGTH} "
                               "characters long.")
        self.db["staff_user"].upsert(
            {"email": email, "name": name.strip() or email.split("@")[0], "role": role,
             "password_hash": _hasher.hash(password), "failed_logins": 0,
             "locked_until": None, "created_at": _now().isoformat(timespec="seconds")},
            pk="email")

    def users(self) -> list[dict]:
        """Every staff user, without password hashes."""
        return [{"email": row["email"], "name": row["name"], "role": row["role"],
                 "locked": bool(row["locked_until"]
                                and dt.datetime.fromisoformat(row["locked_until"]) > _now())}
                for row in self.db["staff_user"].rows_where(order_by="email")]

    def log_in(self, email: str, password: str) -> tuple[str, StaffSession]:
        """A new session token for the right email and password; LoginRefused otherwise."""
        email = email.strip().lower()
        user = next(self.db["staff_user"].rows_where("email = ?", [email]), None)
        if user and user["locked_until"] and dt.datetime.fromisoformat(
                user["locked_until"]) > _now():
            raise LoginRefused(locked=True)
        try:
            _hasher.verify(user["password_hash"] if user else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            if user:
                self._count_failure(user)
            raise LoginRefused(locked=False) from None
        if user is None:
            raise LoginRefused(locked=False)
        self.db["staff_user"].update(email, {"failed_logins": 0, "locked_until": None})
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        expires = _now() + dt.timedelta(hours=SESSION_HOURS)
        self.db["staff_session"].insert({"token_hash": _digest(token), "email": email,
                                         "csrf_token": csrf,
                                         "expires_at": expires.isoformat()})
        self.record(email, "logged_in")
        return token, StaffSession(email, user["name"], user["role"], csrf)

    def _count_failure(self, user: dict) -> None:
        failures = user["failed_logins"] + 1
        locked_until = (_now() + dt.timedelta(minutes=LOCK_MINUTES)).isoformat() \
            if failures >= MAX_FAILURES else None
        self.db["staff_user"].update(user["email"], {
            "failed_logins": 0 if locked_until else failures, "locked_until": locked_until})
        self.record(user["email"], "login_failed", detail="locked" if locked_until else "")

    def session(self, token: str | None) -> StaffSession | None:
        if not token:
            return None
        row = next(self.db.query(
            "select staff_session.*, staff_user.name, staff_user.role from staff_session "
            "join staff_user using (email) where token_hash = ?", [_digest(token)]), None)
        if row is None or dt.datetime.fromisoformat(row["expires_at"]) <= _now():
            return None
        return StaffSession(row["email"], row["name"], row["role"], row["csrf_token"])

    def log_out(self, token: str) -> None:
        session = self.session(token)
        self.db["staff_session"].delete_where("token_hash = ?", [_digest(token)])
        if session:
            self.record(session.email, "logged_out")

    def record(self, email: str, action: str, escalation_id: int | None = None,
               detail: str = "") -> None:
        """The audit log: who did what, to which case, when."""
        self.db["audit"].insert({"at": _now().isoformat(timespec="seconds"), "email": email,
                                 "action": action, "escalation_id": escalation_id,
                                 "detail": detail})

    def audit_log(self) -> list[dict]:
        return list(self.db["audit"].rows_where(order_by="id"))
