"""The needs survey served by a real Voilà on 127.0.0.1 and filled in a headless Chromium.

The server is `omt serve`'s command without pre-heated kernels, started once for the module on its
own copy of the demo store, so it passes the browser's Accept-Language to the kernels as `omt
serve` does. Every request to a host other than 127.0.0.1 is aborted and fails the test. The demo
mentor M-VN-HAN reads Vietnamese and the volunteer V-01 French, so the links of the tests that read
English texts ask for English with `lang=en`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_helpers import HOST, OtherHosts, routed_context
from omt import i18n
from omt.store import Store
from omt.store.links import issue_link, revoke_key
from omt.store.surveys import responses
from omt.tools.server import forms_server_command
from omt.widgets.forms.app import INVALID_LINK_MESSAGE
from voila_server_helpers import free_port, running_server, wait_until_ready

pytestmark = pytest.mark.browser

PAGE_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def served_store(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    root = tmp_path_factory.mktemp("served-survey") / "store"
    shutil.copytree(demo_template, root)
    return Store(root)


@pytest.fixture(scope="module")
def server(served_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Return the server's URL and its log file.

    Pre-heating is off because it starts kernels for other notebooks before the first page, which on a
    2-core machine delays the survey's page by more than these tests need.
    """
    port = free_port()
    log_path = tmp_path_factory.mktemp("voila-survey") / "server.log"
    with running_server(forms_server_command(HOST, port, pool_size=0), served_store.root, log_path) as process:
        wait_until_ready(f"http://{HOST}:{port}/", process, log_path)
        yield f"http://{HOST}:{port}", log_path


@pytest.fixture(scope="module")
def server_url(server: tuple[str, Path]) -> str:
    return server[0]


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Return a function that opens a page in a new browser context with the given options, such as `locale`."""
    contexts = []

    def open_context(**options: object) -> Page:
        other_hosts = OtherHosts()
        context = routed_context(browser, other_hosts, PAGE_TIMEOUT_MS, **options)
        contexts.append((context, other_hosts))
        return context.new_page()

    yield open_context
    for context, other_hosts in contexts:
        context.close()
        assert other_hosts.urls == []


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    return new_page()


def key_of(store: Store, person_id: str) -> str:
    return issue_link(store, person_id)[0]


def open_survey(page: Page, server_url: str, version: str, query: str) -> None:
    page.goto(f"{server_url}/voila/render/needs_survey_{version}.ipynb?{query}")
    expect(page.locator(".omt-submit")).to_be_enabled()


def open_message(page: Page, server_url: str, version: str, query: str) -> None:
    page.goto(f"{server_url}/voila/render/needs_survey_{version}.ipynb?{query}")
    expect(page.locator(".omt-message")).to_be_visible()


def choose(page: Page, field: str, label: str) -> None:
    page.locator(f".omt-field-{field} label").filter(has_text=label).locator("input").check()


def new_responses(store: Store, before: set[str]) -> list:
    return [response for response in responses(store) if response.response_id not in before]


def response_ids(store: Store) -> set[str]:
    return {response.response_id for response in responses(store)}


def test_tutor_survey_reaches_store(page: Page, server_url: str, served_store: Store) -> None:
    before = response_ids(served_store)
    open_survey(page, server_url, "tutor", f"key={key_of(served_store, 'M-VN-HAN')}&wave=start&lang=en")
    expect(page.locator(".omt-field-name input")).to_have_value("Phạm Thu Trang")

    choose(page, "role", "Mentor")
    page.locator(".omt-field-problems_preparation .omt-choice-weak_handover input").check()
    page.locator(".omt-field-problems_regular_support .omt-choice-mentor_time input").check()
    page.locator(".omt-field-problems_regular_support .omt-choice-late_problems input").check()
    page.locator(".omt-field-other_problems textarea").fill("Không đủ thời gian; เวลาไม่พอ; pas le temps.")
    page.locator(".omt-submit").click()

    confirmation = page.locator(".omt-confirmation")
    expect(confirmation).to_contain_text("Thank you")
    response_id = re.search(r"Reference: ([0-9a-f]{32})", confirmation.inner_text()).group(1)
    expect(page.locator(".omt-submit")).to_be_disabled()

    saved = new_responses(served_store, before)
    assert [response.response_id for response in saved] == [response_id]
    response = saved[0]
    assert response.survey_id == "needs_survey"
    assert response.wave == "start"
    assert response.role == "mentor"
    assert response.country == "VN"
    assert response.anonymous is False
    assert response.respondent_id == "M-VN-HAN"
    assert response.respondent_name == "Phạm Thu Trang"
    assert response.language == "en"
    assert response.answers["problems_preparation"] == ["weak_handover"]
    assert response.answers["problems_regular_support"] == ["late_problems", "mentor_time"]
    assert response.answers["problems_mid_term"] == []
    assert response.answers["other_problems"] == "Không đủ thời gian; เวลาไม่พอ; pas le temps."


def test_anonymous_volunteer_stores_no_respondent(page: Page, server_url: str, served_store: Store) -> None:
    before = response_ids(served_store)
    open_survey(page, server_url, "volunteer", f"key={key_of(served_store, 'V-01')}&wave=end&lang=en")
    expect(page.locator(".omt-field-name input")).to_have_value("Léa Dubois-Mercier")

    page.locator(".omt-anonymous input").check()
    expect(page.locator(".omt-field-name")).to_be_hidden()
    page.locator(".omt-field-problems_final_evaluation .omt-choice-rushed_learning_outcomes input").check()
    expect(page.locator(".omt-field-name")).to_be_hidden()
    page.locator(".omt-submit").click()

    expect(page.locator(".omt-confirmation")).to_contain_text("no name is stored")
    saved = new_responses(served_store, before)
    assert len(saved) == 1
    response = saved[0]
    assert response.anonymous is True
    assert response.respondent_id is None
    assert response.respondent_name == ""
    assert response.wave == "end"
    assert response.role == "volunteer"
    assert response.country == "FR"
    assert response.answers["problems_final_evaluation"] == ["rushed_learning_outcomes"]
    stored = json.loads((served_store.root / "surveys.json").read_text(encoding="utf-8"))
    document = next(d for d in stored["responses"].values() if d["response_id"] == response.response_id)
    assert "V-01" not in json.dumps(document, ensure_ascii=False)
    assert "Léa" not in json.dumps(document, ensure_ascii=False)


def test_no_key_opens_empty_survey(page: Page, server_url: str, served_store: Store) -> None:
    before = response_ids(served_store)
    open_survey(page, server_url, "volunteer", "wave=start")
    expect(page.locator(".omt-field-name input")).to_have_value("")
    expect(page.locator(".omt-field-country input:checked")).to_have_count(0)

    choose(page, "country", "Thailand")
    page.locator(".omt-submit").click()

    expect(page.locator(".omt-confirmation")).to_contain_text("Thank you")
    [response] = new_responses(served_store, before)
    assert response.respondent_id is None
    assert response.respondent_name == ""
    assert response.country == "TH"
    assert response.language == "en"


def test_missing_country_shows_message_stores_nothing(page: Page, server_url: str, served_store: Store) -> None:
    before = response_ids(served_store)
    open_survey(page, server_url, "volunteer", "wave=start")
    page.locator(".omt-submit").click()

    expect(page.locator(".omt-summary")).to_contain_text("Nothing was sent: 1 answer needs a correction.")
    expect(page.locator(".omt-field-country .omt-error")).to_have_text("Choose one answer.")
    expect(page.locator(".omt-submit")).to_be_enabled()
    assert new_responses(served_store, before) == []


@pytest.mark.parametrize("kind", ["wrong", "revoked", "expired"])
def test_invalid_key_shows_only_message(page: Page, server: tuple[str, Path], served_store: Store,
                                        kind: str) -> None:
    server_url, log_path = server
    key = "not-a-key"
    if kind == "revoked":
        key = key_of(served_store, "V-01")
        revoke_key(served_store, key)
    elif kind == "expired":
        key = issue_link(served_store, "V-01", days=1, now=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=3))[0]
    before = response_ids(served_store)
    open_message(page, server_url, "volunteer", f"key={key}&wave=start")

    expect(page.locator(".omt-message")).to_have_text(INVALID_LINK_MESSAGE)
    assert page.locator(".omt-form").count() == 0
    assert page.locator(".omt-field").count() == 0
    content = page.content()
    assert "Léa" not in content
    assert "Traceback" not in content
    assert response_ids(served_store) == before
    log_text = log_path.read_text(errors="replace")
    assert "survey needs_survey_volunteer (wave start) rejected an invalid access key" in log_text
    assert key not in log_text


def test_unknown_wave_shows_plain_message(page: Page, server_url: str) -> None:
    open_message(page, server_url, "tutor", "wave=middle")
    expect(page.locator(".omt-message")).to_contain_text("unknown survey round (middle)")
    assert page.locator(".omt-form").count() == 0
    assert "Traceback" not in page.content()


def test_french_profile_reads_french(page: Page, server_url: str, served_store: Store) -> None:
    french = i18n.translation("fr")
    before = response_ids(served_store)
    open_survey(page, server_url, "volunteer", f"key={key_of(served_store, 'V-01')}")

    expect(page.locator("h2")).to_have_text("Enquête sur les besoins des volontaires")
    expect(page.locator(".omt-submit")).to_have_text(french.gettext("Send"))
    expect(page.locator(".omt-anonymous")).to_contain_text(french.gettext("Answer anonymously"))
    page.locator(".omt-submit").click()

    expect(page.locator(".omt-confirmation")).to_contain_text(french.gettext("Thank you: your answers were sent."))
    [response] = new_responses(served_store, before)
    assert response.language == "fr"
    assert response.respondent_id == "V-01"


def test_lang_parameter_reads_italian(page: Page, server_url: str, served_store: Store) -> None:
    open_survey(page, server_url, "tutor", f"key={key_of(served_store, 'M-VN-HAN')}&lang=it")
    expect(page.locator("h2")).to_have_text("Indagine sui bisogni dei tutor")
    expect(page.locator(".omt-submit")).to_have_text(i18n.translation("it").gettext("Send"))
    expect(page.locator(".omt-field-name input")).to_have_value("Phạm Thu Trang")


def test_thai_browser_invalid_key_reads_thai(new_page: Callable[..., Page], server_url: str) -> None:
    thai = i18n.translation("th").gettext(INVALID_LINK_MESSAGE)
    assert thai != INVALID_LINK_MESSAGE
    page = new_page(locale="th-TH")
    open_message(page, server_url, "tutor", "key=not-a-key&wave=start")
    expect(page.locator(".omt-message")).to_have_text(thai)
