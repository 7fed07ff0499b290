"""`omt export` and `omt survey export`: files that open with pandas and hold every record."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
import pytest

from omt.errors import NotFoundError
from omt.store import Store
from omt.store.surveys import responses
from omt.tools.commands import export as export_command
from omt.tools.commands import survey as survey_command
from omt.tools.demo_surveys import add_demo_survey_responses
from omt.tools.export import export_tables, select_placements, write_csv, write_xlsx

ACTION_ITEMS = [{"action": "Send the bus pass form", "owner": "mentor", "due": "2026-12-10"},
                {"action": "Book the language course", "owner": "volunteer", "due": "2026-12-20"}]


def run_cli(parser_module, argv: list[str], store: Store) -> int:  # noqa: ANN001 (a command module)
    """Run one command module's subcommand, registered alone, as `omt` would."""
    parser = argparse.ArgumentParser(prog="omt")
    parser.add_argument("--store")
    parser_module.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["--store", str(store.root), *argv])
    return args.run(args)


def all_submission_ids(store: Store) -> set[str]:
    return {submission.submission_id for placement in store.placements()
            for submission in store.submissions(placement.placement_id)}


def add_action_items(store: Store) -> str:
    placement = store.placement("FR-VN-01")
    saved = store.submit("FR-VN-01", "follow_up_plan", {"summary": "Plan after the mid-term review",
                                                        "action_items": ACTION_ITEMS},
                         author_id=placement.mentor_id, role="mentor")
    return saved.submission_id


def test_csv_export_contains_every_submission(demo_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    assert run_cli(export_command, ["export", "--format", "csv", "--out", str(out)], demo_store) == 0
    table = pd.read_csv(out)
    assert set(table["Submission id"]) == all_submission_ids(demo_store)
    assert len(table) == len(all_submission_ids(demo_store))
    assert list(table.columns[:8]) == ["Submission id", "Placement", "Form", "Author", "Role", "Date",
                                       "Language", "Revision"]
    assert "Mentor meeting log: Duration in minutes" in table.columns
    assert "Phạm Thu Trang" in set(table["Author"])
    assert "Mentor" in set(table["Role"])


def test_xlsx_export_contains_every_submission(demo_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    assert run_cli(export_command, ["export", "--format", "xlsx", "--out", str(out)], demo_store) == 0
    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets) == ["Submissions", "action_items"]
    assert set(sheets["Submissions"]["Submission id"]) == all_submission_ids(demo_store)
    assert set(sheets["action_items"]["Submission id"]) <= all_submission_ids(demo_store)


def test_one_form_has_no_prefix(demo_store: Store) -> None:
    tables = export_tables(demo_store, select_placements(demo_store, "FR-VN-01"), "meeting_log")
    assert set(tables.submissions["Form"]) == {"Mentor meeting log"}
    assert "Duration in minutes" in tables.submissions.columns
    assert "Topics discussed" in tables.submissions.columns
    assert tables.submissions["Topics discussed"].str.contains("Tasks and daily work").any()


def test_organisation_filter_any_role(demo_store: Store) -> None:
    placements = {p.placement_id for p in select_placements(demo_store, organisation_id="IT-BOL")}
    assert placements == {"IT-FR-03", "IT-VN-08", "VN-IT-04", "TH-IT-10", "FR-IT-12"}
    tables = export_tables(demo_store, select_placements(demo_store, organisation_id="IT-BOL"))
    assert set(tables.submissions["Placement"]) == placements


def test_coordinating_organisation_gets_all(demo_store: Store) -> None:
    assert len(select_placements(demo_store, organisation_id="FR-LYON")) == len(demo_store.placements())


def test_unknown_organisation_raises_not_found(demo_store: Store) -> None:
    with pytest.raises(NotFoundError, match="organisation 'XX-NOPE' not found"):
        select_placements(demo_store, organisation_id="XX-NOPE")


def test_repeat_group_csv_linked_by_submission(demo_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "logs.csv"
    tables = export_tables(demo_store, select_placements(demo_store, "FR-VN-01"), "meeting_log")
    written = write_csv(tables, out)
    assert written == [out, tmp_path / "logs_action_items.csv"]
    main_table = pd.read_csv(out)
    items = pd.read_csv(tmp_path / "logs_action_items.csv")
    assert len(items) == main_table["Agreed actions: items"].sum()
    assert set(items["Submission id"]) == set(main_table["Submission id"])
    assert list(items.columns[:4]) == ["Submission id", "Placement", "Form", "Item"]
    assert {"Action", "Who does it", "Due date"} <= set(items.columns)
    assert set(items["Who does it"]) <= {"Mentor", "Volunteer"}


def test_shared_group_name_prefixed_by_form(demo_store: Store, tmp_path: Path) -> None:
    submission_id = add_action_items(demo_store)
    out = tmp_path / "plan.xlsx"
    write_xlsx(export_tables(demo_store, select_placements(demo_store, "FR-VN-01")), out)
    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets) == ["Submissions", "meeting_log_action_items", "follow_up_plan_action_items"]
    plan_items = sheets["follow_up_plan_action_items"]
    assert list(plan_items["Submission id"]) == [submission_id, submission_id]
    assert list(plan_items["Item"]) == [1, 2]
    assert list(plan_items["Owner"]) == ["mentor", "volunteer"]
    row = sheets["Submissions"][sheets["Submissions"]["Submission id"] == submission_id]
    assert row["Follow up plan: Action items: items"].tolist() == [2]


def test_survey_export_csv(demo_store: Store, tmp_path: Path) -> None:
    add_demo_survey_responses(demo_store)
    out = tmp_path / "survey.csv"
    assert run_cli(survey_command, ["survey", "export", "--wave", "end", "--out", str(out)], demo_store) == 0
    table = pd.read_csv(out, keep_default_na=False)
    expected = responses(demo_store, wave="end")
    assert len(table) == len(expected)
    assert set(table["Response id"]) == {response.response_id for response in expected}
    assert set(table["Wave"]) == {"end"}
    assert "Problems: Preparation" in table.columns
    assert "Problems: Final evaluation and learning recognition" in table.columns
    anonymous = table[table["Anonymous"].astype(str) == "True"]
    assert len(anonymous) > 0
    assert set(anonymous["Person id"]) == {""}
    assert set(anonymous["Name"]) == {""}


def test_survey_export_all_waves(demo_store: Store, tmp_path: Path) -> None:
    add_demo_survey_responses(demo_store)
    out = tmp_path / "survey.csv"
    run_cli(survey_command, ["survey", "export", "--survey", "needs_survey", "--out", str(out)], demo_store)
    assert len(pd.read_csv(out)) == len(responses(demo_store))
