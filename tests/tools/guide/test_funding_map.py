"""The funding map: the repository's file is valid, and invalid entries are rejected by name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from omt.tools.guide.funding import (
    COST_KINDS,
    REQUIRED_FIELDS,
    FundingMapError,
    load_funding_map,
    validate_entries,
)

EntryFactory = Callable[..., dict[str, Any]]


@pytest.fixture
def map_file(repository_sources: Path) -> Path:
    return repository_sources / "funding_map.yaml"


def error_message(raw_entries: list[Any]) -> str:
    with pytest.raises(FundingMapError) as raised:
        validate_entries(raw_entries)
    return str(raised.value)


def test_repository_map_is_valid(map_file: Path) -> None:
    entries = load_funding_map(map_file)
    assert len(entries) == 4
    for entry in entries:
        assert entry.source
        assert entry.year >= 2014
        assert "check" in entry.check.lower()


def test_repository_map_names_only_known_sources(map_file: Path) -> None:
    sources = {entry.source for entry in load_funding_map(map_file)}
    assert sources == {"Erasmus+ Programme Guide, European Commission",
                       "European Solidarity Corps Guide, European Commission"}


def test_repository_map_hedges_non_eu_countries(map_file: Path) -> None:
    for entry in load_funding_map(map_file):
        for code in ("VN", "TH", "US"):
            assert entry.eligibility[code].status == "check"
            assert "check" in entry.eligibility[code].conditions.lower()


def test_repository_map_states_no_amount(map_file: Path) -> None:
    text = map_file.read_text(encoding="utf-8")
    for currency in ("€", "EUR", "$", "USD"):
        assert currency not in text


def test_good_entry_accepted(make_entry: EntryFactory) -> None:
    [entry] = validate_entries([make_entry()])
    assert entry.source_line == "European Solidarity Corps Guide, European Commission, 2026"


def test_entry_without_source_rejected(make_entry: EntryFactory) -> None:
    entry = make_entry("no-source")
    del entry["source"]
    message = error_message([make_entry(), entry])
    assert "entry 2 ('no-source')" in message
    assert "missing field 'source'" in message


def test_entry_without_year_rejected(make_entry: EntryFactory) -> None:
    entry = make_entry("no-year")
    entry["year"] = None
    message = error_message([entry])
    assert "entry 1 ('no-year')" in message
    assert "missing field 'year'" in message


@pytest.mark.parametrize("field", REQUIRED_FIELDS)
def test_every_required_field_checked(field: str, make_entry: EntryFactory) -> None:
    entry = make_entry()
    entry[field] = ""
    assert f"missing field {field!r}" in error_message([entry])


def test_entry_without_id_named_by_position(make_entry: EntryFactory) -> None:
    entry = make_entry()
    del entry["id"]
    assert "entry 1: missing field 'id'" in error_message([entry])


def test_all_problems_reported_together(make_entry: EntryFactory) -> None:
    first, second = make_entry("first"), make_entry("second")
    del first["source"]
    del second["year"]
    message = error_message([first, second])
    assert "entry 1 ('first'): missing field 'source'" in message
    assert "entry 2 ('second'): missing field 'year'" in message


@pytest.mark.parametrize("year", ["2026", 1999, 2026.0, True])
def test_invalid_year_rejected(year: object, make_entry: EntryFactory) -> None:
    entry = make_entry()
    entry["year"] = year
    assert "field 'year' must be the year the source was read" in error_message([entry])


@pytest.mark.parametrize("code", ["VN", "TH", "US"])
def test_certain_non_eu_eligibility_rejected(code: str, make_entry: EntryFactory) -> None:
    entry = make_entry()
    entry["eligibility"][code]["status"] = "eligible"
    assert f"eligibility of {code}: status must be 'check'" in error_message([entry])


def test_missing_country_rejected(make_entry: EntryFactory) -> None:
    entry = make_entry()
    del entry["eligibility"]["IT"]
    assert "missing eligibility of IT" in error_message([entry])


def test_country_without_conditions_rejected(make_entry: EntryFactory) -> None:
    entry = make_entry()
    entry["eligibility"]["TH"]["conditions"] = ""
    assert "eligibility of TH: missing field 'conditions'" in error_message([entry])


def test_unknown_cost_kind_rejected(make_entry: EntryFactory) -> None:
    entry = make_entry()
    entry["cost_kinds"] = ["mentoring", "salaries"]
    message = error_message([entry])
    assert "unknown cost kind 'salaries'" in message
    assert ", ".join(COST_KINDS) in message


def test_check_note_must_say_check(make_entry: EntryFactory) -> None:
    entry = make_entry()
    entry["check"] = "See the rules."
    assert "field 'check' must tell the reader" in error_message([entry])


def test_duplicate_id_rejected(make_entry: EntryFactory) -> None:
    assert "duplicate id 'twice'" in error_message([make_entry("twice"), make_entry("twice")])


def test_empty_map_rejected() -> None:
    assert "no entries" in error_message([])


def test_file_with_bad_entry_names_file(tmp_path: Path, make_entry: EntryFactory) -> None:
    entry = make_entry("bad")
    del entry["source"]
    path = tmp_path / "funding_map.yaml"
    path.write_text(yaml.safe_dump({"entries": [entry]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FundingMapError) as raised:
        load_funding_map(path)
    assert str(path) in str(raised.value)
    assert "entry 1 ('bad'): missing field 'source'" in str(raised.value)


def test_invalid_yaml_rejected(tmp_path: Path) -> None:
    path = tmp_path / "funding_map.yaml"
    path.write_text("entries: [unclosed\n", encoding="utf-8")
    with pytest.raises(FundingMapError, match="not valid YAML"):
        load_funding_map(path)


def test_file_without_entries_list_rejected(tmp_path: Path) -> None:
    path = tmp_path / "funding_map.yaml"
    path.write_text("programmes: []\n", encoding="utf-8")
    with pytest.raises(FundingMapError, match="must have a list under 'entries'"):
        load_funding_map(path)


def test_missing_file_rejected(tmp_path: Path) -> None:
    with pytest.raises(FundingMapError, match="cannot read the funding map"):
        load_funding_map(tmp_path / "absent.yaml")
