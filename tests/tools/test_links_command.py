"""`omt links issue|revoke|list` on a demo store."""

from __future__ import annotations

import re

import pytest

from omt.store import Store
from omt.store.links import access_links, person_for_key
from omt.tools.cli import main
from omt.tools.commands.serve import issue_demo_links, print_demo_links

KEY = re.compile(r"\?key=([A-Za-z0-9_-]+)")


def issue(store: Store, capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[str, str]:
    assert main(["--store", str(store.root), "links", "issue", *arguments]) == 0
    output = capsys.readouterr().out
    return output, KEY.findall(output)[0]


def test_issue_prints_forms_of_role(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    output, key = issue(demo_store, capsys, "--person", "M-VN-HAN", "--base-url", "http://192.168.1.20:8866/forms")
    assert f"http://192.168.1.20:8866/forms/voila/render/meeting_log.ipynb?key={key}" in output
    assert "incident_report.ipynb" in output
    assert "board.ipynb" in output
    assert "volunteer_checkin" not in output
    assert person_for_key(demo_store, key).person_id == "M-VN-HAN"


def test_list_never_shows_key(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    _output, key = issue(demo_store, capsys, "--person", "V-01", "--days", "3")
    assert main(["--store", str(demo_store.root), "links", "list"]) == 0
    listing = capsys.readouterr().out
    assert key not in listing
    assert re.search(r"V-01\s+volunteer\s+\S+ \S+\s+\S+ \S+\s+valid", listing)


def test_revoke_by_token_then_person(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    _output, first = issue(demo_store, capsys, "--person", "V-01")
    _output, second = issue(demo_store, capsys, "--person", "V-01")
    assert main(["--store", str(demo_store.root), "links", "revoke", "--token", first]) == 0
    assert person_for_key(demo_store, first) is None
    assert main(["--store", str(demo_store.root), "links", "revoke", "--person", "V-01"]) == 0
    assert "revoked 1 link(s)" in capsys.readouterr().out
    assert person_for_key(demo_store, second) is None


def test_issue_unknown_person_fails(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", str(demo_store.root), "links", "issue", "--person", "V-99"]) == 2
    assert "person 'V-99' not found" in capsys.readouterr().err


def test_staff_links_include_job_shadowing(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["links", "issue", "--person", "C-IT-BOL"]) == 0
    assert "job_shadowing.ipynb?key=" in capsys.readouterr().out
    assert main(["links", "issue", "--person", "V-01"]) == 0
    assert "job_shadowing" not in capsys.readouterr().out


@pytest.mark.parametrize(("person_id", "survey", "other"), [
    ("V-01", "needs_survey_volunteer", "needs_survey_tutor"),
    ("M-VN-HAN", "needs_survey_tutor", "needs_survey_volunteer"),
])
def test_links_include_own_survey(demo_store: Store, capsys: pytest.CaptureFixture[str], person_id: str,
                                  survey: str, other: str) -> None:
    output, key = issue(demo_store, capsys, "--person", person_id)
    assert f"http://127.0.0.1:8866/voila/render/{survey}.ipynb?key={key}" in output
    assert other not in output


def test_demo_links_one_key_per_person(demo_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    keys = issue_demo_links(demo_store)
    print_demo_links(keys, "http://127.0.0.1:8866/")
    output = capsys.readouterr().out
    assert f"needs_survey_volunteer.ipynb?key={keys['V-01']}" in output
    assert f"needs_survey_tutor.ipynb?key={keys['M-VN-HAN']}" in output
    assert f"volunteer_checkin.ipynb?key={keys['V-01']}" in output
    for person_id, key in keys.items():
        assert person_for_key(demo_store, key).person_id == person_id
    assert len(access_links(demo_store)) == len(keys)
