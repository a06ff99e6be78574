"""The web app's settings: one object, read from the environment once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: str = ""
    actions_url: str = "http://127.0.0.1:5055"
    knowledge_base: Path = Path("var/knowledge.db")
    casework: Path = Path("var/casework.db")
    tracker_db: Path = Path("var/rasa/tracker.db")   # Rasa's SQLite tracker store
    # How often expired conversations are deleted (privacy.keep_days in council.yml).
    retention_every_seconds: float = 6 * 3600
    # Staff session cookies are sent only over HTTPS when true: set it behind TLS.
    secure_cookies: bool = False
    # Rasa answers in well under a second; this only stops a stuck request hanging forever.
    rasa_timeout_seconds: float = 30.0
    health_timeout_seconds: float = 3.0
    # The council sites allowed to embed the widget (it calls the chat API from their
    # pages); "*" lets any site. The staff pages never answer other sites: their cookie
    # is SameSite=strict and cross-site requests carry no credentials.
    widget_origins: tuple[str, ...] = ("*",)

    @classmethod
    def from_env(cls) -> "Settings":
        """Settings from SEND_* environment variables (set by ops/stack.py)."""
        env = os.environ
        return cls(
            rasa_url=env.get("SEND_RASA_URL", cls.rasa_url),
            rasa_token=env.get("SEND_RASA_TOKEN", cls.rasa_token),
            actions_url=env.get("SEND_ACTIONS_URL", cls.actions_url),
            knowledge_base=Path(env.get("SEND_KB_PATH", str(cls.knowledge_base))),
            casework=Path(env.get("SEND_CASEWORK_DB", str(cls.casework))),
            tracker_db=Path(env.get("SEND_TRACKER_DB", str(cls.tracker_db))),
            secure_cookies=env.get("SEND_SECURE_COOKIES", "") == "1",
            widget_origins=tuple(origin.strip() for origin in env.get(
                "SEND_WIDGET_ORIGINS", "*").split(",") if origin.strip()),
        )
