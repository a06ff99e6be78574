"""Read the knowledge base's human-edited source files.

Everything the assistant knows starts as a readable file under `knowledge/`:
topic explanations in Markdown with YAML front matter, the Local Offer
directory in YAML, the council's contact details and the entity vocabulary.
This module loads and checks them, so that a mistake in a source file is
reported with the file's name instead of surfacing later as a wrong answer.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from knowledge.situation import check_condition

SOURCE_DIR = Path(__file__).resolve().parent
# libyaml's parser when PyYAML has it: a large imported directory parses ten times faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SourceError(ValueError):
    """A source file is missing something or is malformed."""


@dataclass(frozen=True)
class FollowUp:
    """A question offered as a button after an answer, and the topic that answers it."""

    question: str
    topic: str


@dataclass(frozen=True)
class SituationNote:
    """A sentence added to a topic's answer for one situation, such as a child under 5."""

    when: dict[str, Any]
    text: str
    citation: str


@dataclass(frozen=True)
class Topic:
    """One rule explanation, as written in `knowledge/topics/<key>.md`."""

    key: str
    title: str
    summary: str
    young_person_summary: str
    details: str
    next_steps: str
    citations: tuple[str, ...]
    service_categories: tuple[str, ...]
    follow_ups: tuple[FollowUp, ...]
    last_reviewed: dt.date
    owner: str
    situation_notes: tuple[SituationNote, ...] = ()


@dataclass(frozen=True)
class Directory:
    """The Local Offer directory as written in `knowledge/local_offer/`."""

    vocabulary: str
    taxonomy: list[dict[str, Any]]
    organizations: list[dict[str, Any]]
    services: list[dict[str, Any]] = field(default_factory=list)


TOPIC_FIELDS = ("key", "title", "summary", "young_person_summary", "citations",
                "service_categories", "follow_ups", "last_reviewed", "owner")
TOPIC_SECTIONS = {"details": "Details", "next_steps": "What you can do next"}
SERVICE_FIELDS = ("id", "name", "description", "organization", "category", "min_age",
                  "max_age", "eligibility", "how_to_access", "cost", "complaints",
                  "accountable", "phone", "email", "url", "location", "schedule",
                  "area", "last_checked")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, naming the file in any error."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise SourceError(f"{path}: cannot read it as YAML ({error})") from error


def _require(record: dict[str, Any], names: tuple[str, ...], where: str) -> None:
    missing = [name for name in names if record.get(name) in (None, "")]
    if missing:
        raise SourceError(f"{where}: missing {', '.join(missing)}")


def _sections(body: str, where: str) -> dict[str, str]:
    """Split a Markdown body into its `## Heading` sections."""
    found: dict[str, str] = {}
    for chunk in re.split(r"^## ", body, flags=re.MULTILINE)[1:]:
        heading, _, text = chunk.partition("\n")
        found[heading.strip()] = " ".join(text.split())
    result = {}
    for name, heading in TOPIC_SECTIONS.items():
        if not found.get(heading):
            raise SourceError(f"{where}: missing the '## {heading}' section")
        result[name] = found[heading]
    return result


def _follow_up(item: object, where: str) -> FollowUp:
    if not (isinstance(item, dict) and item.get("question") and item.get("topic")):
        raise SourceError(f"{where}: each follow-up needs a question and a topic")
    return FollowUp(question=item["question"], topic=item["topic"])


def _situation_note(item: object, where: str) -> SituationNote:
    if not (isinstance(item, dict) and isinstance(item.get("when"), dict) and item["when"]
            and item.get("text") and item.get("citation")):
        raise SourceError(f"{where}: each situation note needs a non-empty when, a text "
                          "and a citation")
    try:
        check_condition(item["when"], where)
    except ValueError as error:
        raise SourceError(str(error)) from error
    return SituationNote(when=dict(item["when"]), text=" ".join(item["text"].split()),
                         citation=item["citation"])


def parse_topic(text: str, where: str) -> Topic:
    """Turn one topic file's text into a Topic; `where` names the file in errors."""
    match = FRONT_MATTER.match(text)
    if not match:
        raise SourceError(f"{where}: must start with YAML front matter between '---' lines")
    meta = yaml.safe_load(match.group(1)) or {}
    _require(meta, TOPIC_FIELDS, where)
    if not isinstance(meta["last_reviewed"], dt.date):
        raise SourceError(f"{where}: last_reviewed must be a date like 2026-11-28")
    return Topic(
        key=meta["key"],
        title=meta["title"],
        summary=" ".join(meta["summary"].split()),
        young_person_summary=" ".join(meta["young_person_summary"].split()),
        citations=tuple(meta["citations"]),
        service_categories=tuple(meta["service_categories"]),
        follow_ups=tuple(_follow_up(item, where) for item in meta["follow_ups"]),
        last_reviewed=meta["last_reviewed"],
        owner=meta["owner"],
        situation_notes=tuple(_situation_note(item, where)
                              for item in meta.get("situation_notes") or ()),
        **_sections(match.group(2), where),
    )


def load_topics(source_dir: Path = SOURCE_DIR) -> list[Topic]:
    """Load every topic file; the file name must match the topic's key."""
    topics = []
    for path in sorted((source_dir / "topics").glob("*.md")):
        topic = parse_topic(path.read_text(encoding="utf-8"), str(path))
        if topic.key != path.stem:
            raise SourceError(f"{path}: key '{topic.key}' does not match the file name")
        topics.append(topic)
    keys = {topic.key for topic in topics}
    for topic in topics:
        unknown = {follow_up.topic for follow_up in topic.follow_ups} - keys
        if unknown:
            raise SourceError(f"topic {topic.key}: follow-ups name unknown topics {sorted(unknown)}")
    return topics


def load_directory(source_dir: Path = SOURCE_DIR) -> Directory:
    """Load the Local Offer: taxonomy, organisations and services with defaults applied.

    `local_offer/services/*.yml` are written by hand; `local_offer/imported/*.yml`
    are written by `knowledge.oruk` from a council's Open Referral feed and carry
    their own organisations and taxonomy terms.
    """
    base = source_dir / "local_offer"
    taxonomy = read_yaml(base / "taxonomy.yml")
    directory = Directory(
        vocabulary=taxonomy["vocabulary"],
        taxonomy=list(taxonomy["terms"]),
        organizations=list(read_yaml(base / "organizations.yml")),
    )
    documents = [(path, read_yaml(path) or {})
                 for path in sorted((base / "services").glob("*.yml"))]
    imported = [(path, read_yaml(path) or {})
                for path in sorted((base / "imported").glob("*.yml"))]
    for _, document in imported:
        directory.taxonomy.extend(document.get("taxonomy", []))
        directory.organizations.extend(document.get("organizations", []))
    term_ids = _unique_ids(directory.taxonomy, "taxonomy term")
    org_ids = _unique_ids(directory.organizations, "organization")
    seen: set[str] = set()
    for path, document in documents + imported:
        for raw in document.get("services", []):
            service = {"needs": [], **document.get("defaults", {}), **raw}
            _check_service(service, f"{path}: service {service.get('id', '?')}",
                           term_ids, org_ids, seen)
            seen.add(service["id"])
            directory.services.append(service)
    return directory


def _unique_ids(records: list[dict[str, Any]], kind: str) -> set[str]:
    ids: set[str] = set()
    for record in records:
        if record.get("id") in ids:
            raise SourceError(f"the {kind} id '{record['id']}' is used twice")
        ids.add(record.get("id"))
    return ids


def _check_service(service: dict[str, Any], where: str, term_ids: set[str],
                   org_ids: set[str], seen: set[str]) -> None:
    _require(service, SERVICE_FIELDS, where)
    if service["id"] in seen:
        raise SourceError(f"{where}: the id is used twice")
    if service["category"] not in term_ids:
        raise SourceError(f"{where}: unknown category '{service['category']}'")
    if service["organization"] not in org_ids:
        raise SourceError(f"{where}: unknown organization '{service['organization']}'")


@functools.lru_cache(maxsize=4)
def load_council(source_dir: Path = SOURCE_DIR) -> dict[str, Any]:
    """The council's names and contact details (used even when the database is down)."""
    council = read_yaml(source_dir / "council.yml")
    _require(council, ("name", "send_team", "childrens_social_care", "emergency"), "council.yml")
    return council


def load_entities(source_dir: Path = SOURCE_DIR) -> dict[str, Any]:
    """The entity vocabulary: phrases per canonical value, and token patterns."""
    return read_yaml(source_dir / "entities.yml")


@dataclass(frozen=True)
class GlossaryEntry:
    """A word or acronym people meet in SEND letters, explained in plain words."""

    term: str
    meaning: str
    expansion: str | None = None
    aliases: tuple[str, ...] = ()
    topic: str | None = None


@dataclass(frozen=True)
class Policy:
    """One of the council's own policies that the Local Offer must set out."""

    id: str
    title: str
    summary: str
    details: str
    url: str
    owner: str
    last_checked: dt.date

    def paragraph(self, heading: str) -> str | None:
        """The paragraph of the details that starts with heading, such as "How to ask"."""
        return next((part for part in self.details.split("\n\n")
                     if part.lower().startswith(heading.lower() + ".")), None)


def load_glossary(source_dir: Path = SOURCE_DIR) -> list[GlossaryEntry]:
    """The glossary; every term and alias must be unique, ignoring case."""
    entries, seen = [], set()
    for number, item in enumerate(read_yaml(source_dir / "glossary.yml") or [], start=1):
        where = f"glossary.yml entry {number} ({item.get('term', '?')})"
        _require(item, ("term", "meaning"), where)
        entry = GlossaryEntry(term=item["term"], meaning=" ".join(item["meaning"].split()),
                              expansion=item.get("expansion"),
                              aliases=tuple(item.get("aliases") or ()), topic=item.get("topic"))
        for name in (entry.term, *entry.aliases):
            if name.lower() in seen:
                raise SourceError(f"{where}: '{name}' is already in the glossary")
            seen.add(name.lower())
        entries.append(entry)
    return entries


def _paragraphs(text: str) -> str:
    """Folded YAML (`>-`) keeps a blank line as one line break: keep those as paragraphs."""
    return "\n\n".join(" ".join(part.split()) for part in text.split("\n") if part.strip())


def load_policies(source_dir: Path = SOURCE_DIR) -> list[Policy]:
    """The council's policies that the Code says its Local Offer must publish."""
    policies = []
    for item in read_yaml(source_dir / "local_offer" / "policies.yml") or []:
        where = f"policies.yml: policy {item.get('id', '?')}"
        _require(item, ("id", "title", "summary", "details", "url", "owner", "last_checked"),
                 where)
        policies.append(Policy(
            id=item["id"], title=item["title"], summary=" ".join(item["summary"].split()),
            details=_paragraphs(str(item["details"])),
            url=item["url"],
            owner=item["owner"], last_checked=item["last_checked"]))
    return policies
