"""Survey responses as tables: one row per response for export, one row per problem for analysis.

Column names and problem labels are the neutral ones of `omt.store.surveys`, the same for the
volunteers' and the tutors' versions of the needs survey, whose labels differ.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from omt.store.surveys import PROBLEM_LABELS, STAGE_LABELS, SURVEY_STAGES, SurveyResponse, stage_field
from omt.store.vocabulary import COUNTRIES
from omt.tools.export.labels import field_label, humanise

RESPONSE_ID = "Response id"
FIXED_COLUMNS = (RESPONSE_ID, "Survey", "Wave", "Role", "Country", "Language", "Anonymous", "Person id", "Name",
                 "Date")
# The definition whose labels name a survey's other questions in the export.
LABEL_FORMS = {"needs_survey": "needs_survey_tutor"}
LIST_SEPARATOR = "; "
CSV_ENCODING = "utf-8-sig"  # see omt.tools.export.writers

STAGE_ORDER = [label for _stage_id, label in SURVEY_STAGES]
PROBLEM_ORDER = list(PROBLEM_LABELS.values())


def role_group(role: str) -> str:
    """Return "Volunteer" for volunteers and "Tutor" for every other role."""
    return "Volunteer" if role == "volunteer" else "Tutor"


def country_name(code: str) -> str:
    return COUNTRIES.get(code, code)


def responses_frame(responses: Iterable[SurveyResponse]) -> pd.DataFrame:
    """Return one row per response: who answered, then one column per question."""
    rows = []
    answer_columns: dict[str, None] = {}  # an ordered set: columns in the order they first appear
    for response in responses:
        row = {
            RESPONSE_ID: response.response_id, "Survey": humanise(response.survey_id),
            "Wave": response.wave, "Role": humanise(response.role), "Country": country_name(response.country),
            "Language": response.language, "Anonymous": response.anonymous, "Person id": response.respondent_id or "",
            "Name": response.respondent_name, "Date": response.submitted_at.date(),
        }
        cells = answer_cells(response)
        row.update(cells)
        answer_columns.update(dict.fromkeys(cells))
        rows.append(row)
    return pd.DataFrame(rows, columns=[*FIXED_COLUMNS, *answer_columns])


def answer_cells(response: SurveyResponse) -> dict[str, object]:
    """Return the answers by column name: the problems ticked at each stage, then the other questions."""
    cells: dict[str, object] = {}
    stage_keys = {stage_field(stage_id): label for stage_id, label in SURVEY_STAGES}
    for key, stage in stage_keys.items():
        if key in response.answers:
            ticked = response.answers[key] or []
            cells[f"Problems: {stage}"] = LIST_SEPARATOR.join(PROBLEM_LABELS.get(value, value) for value in ticked)
    label_form = LABEL_FORMS.get(response.survey_id, response.survey_id)
    for key, value in response.answers.items():
        if key not in stage_keys:
            cells[field_label(label_form, key)] = LIST_SEPARATOR.join(map(str, value)) if isinstance(value, list) else value
    return cells


def problems_frame(responses: Iterable[SurveyResponse]) -> pd.DataFrame:
    """Return one row per problem ticked: response, wave, role, role group, country, stage, problem.

    Stages and problems are ordered categories, so that tables and charts keep the survey's order.
    """
    rows = []
    for response in responses:
        for stage_id, stage in STAGE_LABELS.items():
            for problem in response.answers.get(stage_field(stage_id)) or []:
                rows.append({"response_id": response.response_id, "wave": response.wave,
                             "role": humanise(response.role), "role_group": role_group(response.role),
                             "country": country_name(response.country), "stage": stage,
                             "problem": PROBLEM_LABELS.get(problem, problem)})
    frame = pd.DataFrame(rows, columns=["response_id", "wave", "role", "role_group", "country", "stage", "problem"])
    frame["stage"] = pd.Categorical(frame["stage"], categories=STAGE_ORDER, ordered=True)
    frame["problem"] = pd.Categorical(frame["problem"], categories=PROBLEM_ORDER, ordered=True)
    return frame


def respondents_frame(responses: Iterable[SurveyResponse]) -> pd.DataFrame:
    """Return one row per response with the columns `problems_frame` groups by, to count respondents."""
    return pd.DataFrame(
        [{"response_id": response.response_id, "wave": response.wave, "role": humanise(response.role),
          "role_group": role_group(response.role), "country": country_name(response.country)} for response in responses],
        columns=["response_id", "wave", "role", "role_group", "country"],
    )


def write_responses_csv(responses: Iterable[SurveyResponse], out: Path) -> Path:
    """Write one row per response to `out` as UTF-8 CSV; return `out`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    responses_frame(responses).to_csv(out, index=False, encoding=CSV_ENCODING)
    return out
