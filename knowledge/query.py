"""Answer questions from the built knowledge base: the one query module.

The action server and the web app both read the knowledge base through this
module. It opens the database read-only and never raises on what a person
typed: free text is reduced to plain words before it reaches FTS5.

    kb = KnowledgeBase.open(Path("var/knowledge.db"))
    kb.topic("annual_review").summary
    kb.search_services("speech therapy", age=7)[0].name
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from knowledge.guides import (BudgetGuide, ClarifyGuide, Pointers, Timescales,
                              parse_budget_guide, parse_clarify, parse_pointers,
                              parse_timescales)
from knowledge.sources import FollowUp, GlossaryEntry, Policy, SituationNote, Topic

STOPWORDS = frozenset(
    "a an and are as at be but by can do does for from get got has have he her him his how i "
    "if in is it its me my need needs of on or our she so that the their them there they this "
    "to up us was we what when where which who why will with you your old year years yr "
    "help support service services find any some looking want child children son daughter "
    "kid kids boy girl aged age please about after before near me like just really any "
    "anything something get getting go going know there here often happen happens happening "
    "next week weeks soon much many long lol pls thanks hi hello even still".split()
)
MAX_QUERY_WORDS = 12
WORD_COUNT_CAP = 500
# Records not checked for this long are flagged in answers and listed for Local Offer officers.
STALE_AFTER = dt.timedelta(days=365)


def is_stale(last_checked: dt.date, today: dt.date) -> bool:
    return today - last_checked > STALE_AFTER


class KnowledgeBaseUnavailable(RuntimeError):
    """The knowledge base file is missing or cannot be read."""


@dataclass(frozen=True)
class Service:
    """A Local Offer service, flattened for answering."""

    id: str
    name: str
    description: str
    organization: str
    minimum_age: int
    maximum_age: int
    eligibility: str
    how_to_access: str
    fees: str
    phone: str
    email: str
    url: str
    complaints: str
    accountable: str
    last_checked: dt.date


def fts_query(text: str, operator: str = "OR") -> str:
    """Turn any text into a safe FTS5 query: quoted plain words joined by operator.

    Numbers and single letters are left out: ages are filters, not search words.

    >>> fts_query('speech "therapy" (for) a 7-year-old!!')
    '"speech" OR "therapy"'
    """
    kept = [w for w in re.findall(r"[^\W\d_]{2,}", text.lower()) if w not in STOPWORDS]
    unique = list(dict.fromkeys(kept))[:MAX_QUERY_WORDS]
    return f" {operator} ".join(f'"{word}"' for word in unique)


SERVICE_COLUMNS = """
    service.id, service.name, service.description, organization.name as organization,
    service.minimum_age, service.maximum_age, eligibility.description as eligibility,
    service.how_to_access, service.fees, phone.number as phone, service.email, service.url,
    service.complaints, service.accountable, service.assured_date
"""
SERVICE_JOINS = """
    join organization on organization.id = service.organization_id
    left join eligibility on eligibility.service_id = service.id
    left join phone on phone.service_id = service.id
"""


class KnowledgeBase:
    """Read-only access to one built knowledge base file."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._db.row_factory = sqlite3.Row
        self._council: dict[str, Any] | None = None
        self._guides: dict[str, Any] = {}

    @classmethod
    def open(cls, path: Path) -> "KnowledgeBase":
        """Open path read-only; raise KnowledgeBaseUnavailable if it is not a usable file."""
        if not path.is_file():
            raise KnowledgeBaseUnavailable(f"the knowledge base file {path} does not exist")
        try:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                         check_same_thread=False)
            kb = cls(connection)
            kb.counts()
        except sqlite3.Error as error:
            raise KnowledgeBaseUnavailable(f"the knowledge base {path} cannot be read: {error}")
        return kb

    def counts(self) -> dict[str, int]:
        """How many topics and services there are (also proves the file is readable)."""
        return {
            table: self._db.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("topic", "service")
        }

    def council(self) -> dict[str, Any]:
        """The council's details; read once, as the file never changes while open."""
        if self._council is None:
            row = self._db.execute("select value from metadata where key = 'council'").fetchone()
            self._council = json.loads(row["value"])
        return self._council

    def topic(self, key: str) -> Topic | None:
        row = self._db.execute("select * from topic where key = ?", (key,)).fetchone()
        return _topic(row) if row else None

    def topics(self) -> list[Topic]:
        """Every topic, by title (for the staff console's choices)."""
        return [_topic(row) for row in self._db.execute("select * from topic order by title")]

    def search_topics(self, text: str, limit: int = 3) -> list[Topic]:
        """Topics matching the words of text (see `_relaxed_search`), ranked by BM25."""
        return self._relaxed_search("topic_fts", text, lambda query: [
            _topic(row) for row in self._db.execute(
                "select topic.* from topic join topic_fts on topic.rowid = topic_fts.rowid "
                "where topic_fts match ? order by bm25(topic_fts, 10.0, 5.0, 1.0) limit ?",
                (query, limit))])

    def stale_services(self, today: dt.date) -> list[Service]:
        """Services not checked for more than STALE_AFTER, oldest first."""
        rows = self._db.execute(
            "select id from service where assured_date < ? order by assured_date, name",
            ((today - STALE_AFTER).isoformat(),))
        return self._services_by_id([row["id"] for row in rows])

    def glossary_entry(self, name: str) -> GlossaryEntry | None:
        """The glossary entry for a term or any of its aliases, ignoring case and spacing."""
        row = self._db.execute(
            "select glossary.* from glossary_name join glossary using (term) where name = ?",
            (" ".join(name.lower().split()),)).fetchone()
        return _glossary_entry(row) if row else None

    def glossary(self) -> list[GlossaryEntry]:
        return [_glossary_entry(row) for row in self._db.execute("select * from glossary")]

    def glossary_mentions(self, text: str) -> list[GlossaryEntry]:
        """Glossary entries whose term or alias appears in text, as whole words, longest first.

        >>> [e.term for e in kb.glossary_mentions("what does SENCO mean?")]
        ['SENCO']
        """
        said = spaced_words(text)
        names = self._db.execute("select name, term from glossary_name "
                                 "order by length(name) desc").fetchall()
        terms = dict.fromkeys(row["term"] for row in names if spaced_words(row["name"]) in said)
        return [self.glossary_entry(term) for term in terms]

    def timescales(self) -> Timescales:
        return self._guide("timescales", parse_timescales)

    def budget_guide(self) -> BudgetGuide:
        return self._guide("budget_options", parse_budget_guide)

    def pointers(self) -> Pointers:
        return self._guide("pointers", parse_pointers)

    def clarify_guide(self) -> ClarifyGuide:
        return self._guide("clarify", parse_clarify)

    def _guide(self, name: str, parse: Callable[[dict[str, Any]], Any]) -> Any:
        """A guide, read and parsed once: the file never changes while open (a rebuilt
        file is opened afresh)."""
        if name not in self._guides:
            row = self._db.execute("select document from guide where name = ?",
                                   (name,)).fetchone()
            self._guides[name] = parse(json.loads(row["document"]) if row else {})
        return self._guides[name]

    def policy(self, policy_id: str) -> Policy | None:
        row = self._db.execute("select * from policy where id = ?", (policy_id,)).fetchone()
        return _policy(row) if row else None

    def search_policies(self, text: str, limit: int = 3) -> list[Policy]:
        """The council's policies matching the words of text, ranked by BM25."""
        return self._relaxed_search("policy_fts", text, lambda query: [
            _policy(row) for row in self._db.execute(
                "select policy.* from policy join policy_fts on policy.rowid = policy_fts.rowid "
                "where policy_fts match ? order by bm25(policy_fts, 10.0, 5.0, 1.0) limit ?",
                (query, limit)).fetchall()])

    def search_services(self, text: str = "", *, age: int | None = None,
                        need: str | None = None, category: str | None = None,
                        area: str | None = None, limit: int = 3) -> list[Service]:
        """Services matching the words of text (see `_relaxed_search`), ranked by BM25 and
        filtered by age, need, category and area. Text with no words to search lists the
        services that pass the filters."""
        if not fts_query(text):
            return self._services("", age, need, category, area, limit)
        return self._relaxed_search("service_fts", text, lambda query: self._services(
            query, age, need, category, area, limit))

    def _relaxed_search(self, fts_table: str, text: str,
                        search: Callable[[str], list[Any]]) -> list[Any]:
        """Run search with every word of text first; while nothing matches, drop the most
        common word and try again, down to the rarest word alone. Words no row uses are
        left out from the start."""
        query = fts_query(text)
        uses = {word: self._rows_using(fts_table, word) for word in query.split(" OR ") if word}
        kept = sorted((word for word in uses if uses[word]), key=uses.get)
        while kept:
            found = search(" AND ".join(kept))
            if found:
                return found
            kept.pop()
        return []

    def _rows_using(self, fts_table: str, quoted_word: str) -> int:
        """How many rows use a word (after stemming), counted up to a cap: enough to tell
        rare words from common ones without walking every match."""
        return self._db.execute(
            f"select count(*) from (select 1 from {fts_table} where {fts_table} match ? "
            "limit ?)", (quoted_word, WORD_COUNT_CAP)).fetchone()[0]

    def _services(self, query: str, age: int | None, need: str | None, category: str | None,
                  area: str | None, limit: int) -> list[Service]:
        filters, params = ["service.status = 'active'"], []
        if age is not None:
            filters.append("service.minimum_age <= ? and service.maximum_age >= ?")
            params += [age, age]
        if area:  # a town's services and the county-wide ones
            filters.append("exists (select 1 from service_area where service_area.service_id = "
                           "service.id and lower(service_area.name) in (lower(?), lower(?)))")
            params += [area, self.council()["short_name"]]
        for term in (f"need:{need}" if need else None, category):
            if term:
                filters.append("exists (select 1 from attribute where attribute.link_id = "
                               "service.id and attribute.taxonomy_term_id = ?)")
                params.append(term)
        where = " and ".join(filters)
        if query:
            sql = (f"select service.id from service join service_fts on "
                   f"service.rowid = service_fts.rowid where service_fts match ? and {where} "
                   f"order by bm25(service_fts, 10.0, 1.0, 5.0) limit ?")
            params = [query, *params]
        else:
            sql = f"select service.id from service where {where} order by service.name limit ?"
        ids = [row["id"] for row in self._db.execute(sql, (*params, limit))]
        return self._services_by_id(ids)

    def _services_by_id(self, ids: list[str]) -> list[Service]:
        """Full records for ids, in the same order."""
        marks = ", ".join("?" * len(ids))
        rows = self._db.execute(f"select {SERVICE_COLUMNS} from service {SERVICE_JOINS} "
                                f"where service.id in ({marks})", ids).fetchall()
        by_id = {row["id"]: _service(row) for row in rows}
        return [by_id[service_id] for service_id in ids]


def _topic(row: sqlite3.Row) -> Topic:
    return Topic(
        key=row["key"], title=row["title"], summary=row["summary"],
        young_person_summary=row["young_person_summary"], details=row["details"],
        next_steps=row["next_steps"], citations=tuple(json.loads(row["citations"])),
        service_categories=tuple(json.loads(row["service_categories"])),
        follow_ups=tuple(FollowUp(**item) for item in json.loads(row["follow_ups"])),
        last_reviewed=dt.date.fromisoformat(row["last_reviewed"]), owner=row["owner"],
        situation_notes=tuple(SituationNote(**item)
                              for item in json.loads(row["situation_notes"])),
    )


def spaced_words(text: str) -> str:
    """Text as lower-case words between single spaces, for whole-word matching."""
    return " " + " ".join(re.findall(r"[^\W_]+", text.lower())) + " "


def _policy(row: sqlite3.Row) -> Policy:
    return Policy(**{**dict(row), "last_checked": dt.date.fromisoformat(row["last_checked"])})


def _glossary_entry(row: sqlite3.Row) -> GlossaryEntry:
    return GlossaryEntry(term=row["term"], meaning=row["meaning"], expansion=row["expansion"],
                         aliases=tuple(json.loads(row["aliases"])), topic=row["topic"])


def _service(row: sqlite3.Row) -> Service:
    values = dict(row)
    values["last_checked"] = dt.date.fromisoformat(values.pop("assured_date"))
    return Service(**values)
