"""The indexes of an edition, reduced from the index entries of each document (xslt/entries.xsl).

Each document contributes compact facts: its mentions (index, entry id, form, anchor, place label, context)
and the facts of the records they lead to. Only those are gathered here, never the documents, so the indexes
of thousands of documents cost what their mentions cost. Every index has one shape, documented by
schema/index.schema.json: entries (one per authority record or date, sorted, every occurrence in document
order) and the unidentified mentions (a missing @ref, or one that leads to no record).
"""

import json
from dataclasses import dataclass
from typing import Any

from teitools.resources import SCHEMA_DIR

INDEX_SCHEMA = SCHEMA_DIR / "index.schema.json"
EDITION_INDEX = "index"
UNIDENTIFIED = "unidentified"
# Facts of a record, in the order the JSON gives them (each only where the record has it).
RECORD_FACTS = ("variants", "birth", "death", "date", "start", "end", "cert", "coordinates", "note")


@dataclass(frozen=True)
class Index:
    kind: str  # the kind of mention it gathers, as xslt/common.xsl names it (t:mention-kind)
    name: str  # its output file stem: name.html and name.json
    title: str

    def link(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "href": f"{self.name}.html",
            "json": f"{self.name}.json",
            "title": self.title,
        }


# Every index of an edition, in the order pages list them. File names are declared here only.
INDEXES = (
    Index("person", "person-index", "Person index"),
    Index("place", "place-index", "Place index"),
    Index("org", "organisation-index", "Organisation index"),
    Index("work", "work-index", "Work index"),
    Index("date", "chronology", "Chronology"),
)


def page_stems() -> frozenset[str]:
    """The file stems of the run's own pages (the edition index and each index): no document takes one."""
    return frozenset({EDITION_INDEX, *(index.name for index in INDEXES)})


def links() -> str:
    """The indexes as the stylesheets receive them (page navigation, links from the text), as JSON."""
    return json.dumps([index.link() for index in INDEXES])


def occurrence(document: dict[str, str], mention: dict[str, str]) -> dict[str, str]:
    return {
        "document": document["name"],
        "title": document["title"],
        "href": f"{document['name']}.html#{mention['anchor']}",
        "label": mention["label"],
        "form": mention["form"],
        "before": mention["before"],
        "after": mention["after"],
    }


def new_entry(record: dict[str, Any]) -> dict[str, Any]:
    entry = {"id": record["id"], "name": record["name"]}
    entry.update((fact, record[fact]) for fact in RECORD_FACTS if record.get(fact) not in (None, [], ""))
    entry["authorities"] = record["authorities"]
    entry["forms"] = []
    entry["occurrences"] = []
    return entry


def build(entries_of_documents: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every index, by kind, from the per-document entries in run order."""
    entries: dict[str, dict[str, dict[str, Any]]] = {index.kind: {} for index in INDEXES}
    sort_keys: dict[tuple[str, str], tuple[str, ...]] = {}
    unidentified: dict[str, list[dict[str, str]]] = {index.kind: [] for index in INDEXES}
    for facts in entries_of_documents:
        document = facts["document"]
        records = {(r["kind"], r["id"]): r for r in facts["records"]}  # entries.xsl gives each once
        for mention in facts["mentions"]:
            kind, found = mention["kind"], occurrence(document, mention)
            if mention["entry"] == UNIDENTIFIED:
                unidentified[kind].append({**found, "ref": mention["ref"]})
                continue
            record = records[(kind, mention["entry"])]
            # The same id in two files (letters that each carry the records they cite) is one entry.
            entry = entries[kind].get(record["id"])
            if entry is None:
                entry = entries[kind][record["id"]] = new_entry(record)
                sort_keys[(kind, record["id"])] = (record["sort"], record["name"], record["id"])
            entry["occurrences"].append(found)
            if found["form"] not in entry["forms"]:
                entry["forms"].append(found["form"])
    return {
        index.kind: index_data(
            index,
            sorted(entries[index.kind].values(), key=lambda e, k=index.kind: sort_keys[(k, e["id"])]),
            unidentified[index.kind],
        )
        for index in INDEXES
    }


def index_data(index: Index, entries: list[dict[str, Any]], unidentified: list[dict[str, str]]) -> dict:
    for entry in entries:
        entry["mentions"] = len(entry["occurrences"])
        entry["documents"] = len({o["document"] for o in entry["occurrences"]})
        entry["occurrences"] = entry.pop("occurrences")  # last, after the counts
    return {
        "index": index.kind,
        "title": index.title,
        "mentions": sum(e["mentions"] for e in entries) + len(unidentified),
        "entries": entries,
        "unidentified": unidentified,
    }


def edition(entries_of_documents: list[dict[str, Any]], indexes: dict[str, dict[str, Any]]) -> dict:
    """What the edition index page shows: the documents with their dates, the indexes with their counts."""
    return {
        "documents": [facts["document"] for facts in entries_of_documents],
        "indexes": [
            {
                **index.link(),
                "entries": len(indexes[index.kind]["entries"]),
                "mentions": indexes[index.kind]["mentions"],
            }
            for index in INDEXES
        ],
    }


def as_json(data: Any) -> str:
    """JSON laid out for people: two-space indents, UTF-8 characters, key order kept."""
    return json.dumps(data, ensure_ascii=False, indent=2)
