"""The web app's settings: one object, read from the environment once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    # One URL each, or several separated by commas: the scale-out profile's nodes (node n's
    # Rasa server calls node n's action server).
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: str = ""
    actions_url: str = "http://127.0.0.1:5055"
    knowledge_base: Path = Path("var/knowledge.db")
    casework: Path = Path("var/casework.db")
    # Rasa's tracker store: an SQLite file, or a postgresql:// URL (the scale-out profile).
    tracker_db: str | Path = "var/rasa/tracker.db"
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
    # Larger request bodies are refused (413). Every valid request is far smaller, even a
    # 2,000-character message of emoji sent with JSON's \u escapes (about 24 KB).
    max_body_bytes: int = 32 * 1024
    # POST /api/chat answers 429 with Retry-After past these (a burst of that many, then
    # evenly spread). The address is the client's as uvicorn sees it: uvicorn takes it from
    # X-Forwarded-For only when the proxy is in --forwarded-allow-ips (127.0.0.1 by
    # default), so a council proxy on another machine must be listed there, or every family
    # shares the proxy's address. Tests and benchmarks send many messages from 127.0.0.1.
    chat_per_session_per_minute: int = 30
    chat_per_address_per_minute: int = 1200

    @property
    def rasa_nodes(self) -> tuple[str, ...]:
        return tuple(url.strip() for url in self.rasa_url.split(",") if url.strip())

    @property
    def actions_nodes(self) -> tuple[str, ...]:
        return tuple(url.strip() for url in self.actions_url.split(",") if url.strip())

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
            tracker_db=env.get("SEND_TRACKER_DB", str(cls.tracker_db)),
            secure_cookies=env.get("SEND_SECURE_COOKIES", "") == "1",
            widget_origins=tuple(origin.strip() for origin in env.get(
                "SEND_WIDGET_ORIGINS", "*").split(",") if origin.strip()),
            max_body_bytes=int(env.get("SEND_MAX_BODY_BYTES", cls.max_body_bytes)),
            chat_per_session_per_minute=int(env.get("SEND_CHAT_PER_SESSION_PER_MINUTE",
                                                    cls.chat_per_session_per_minute)),
            chat_per_address_per_minute=int(env.get("SEND_CHAT_PER_ADDRESS_PER_MINUTE",
                                                    cls.chat_per_address_per_minute)),
        )
