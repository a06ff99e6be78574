"""Create a staff user, or reset one's password and role.

    STAFF_PASSWORD=... python -m casework.staff_user EMAIL --role staff|admin [--name NAME]

Without STAFF_PASSWORD it asks for the password twice (it is never echoed).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from casework.staff_accounts import ROLES, AccountError, StaffAccounts
from casework.store import CaseworkStore


def password_from_prompt() -> str:
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("The same password again: "):
        raise AccountError("The two passwords are different.")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create or update a staff user.")
    parser.add_argument("email")
    parser.add_argument("--role", choices=ROLES, default="staff")
    parser.add_argument("--name", default="", help="the name families see on replies")
    args = parser.parse_args(argv)
    try:
        password = os.environ.get("STAFF_PASSWORD") or password_from_prompt()
        StaffAccounts(CaseworkStore()).save_user(args.email, args.name, args.role, password)
    except (AccountError, EOFError) as error:
        print(f"Staff user not saved: {error or 'no password given.'}", file=sys.stderr)
        return 1
    print(f"Staff user {args.email.strip().lower()} saved with the role {args.role}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
