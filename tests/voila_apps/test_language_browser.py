"""Pages in the reader's language, in a headless Chromium against `omt serve`'s Voilà on 127.0.0.1.

The language switch on a form keeps typed answers, a refused link follows the browser's language,
the board follows the coordinator's, and Thai and Vietnamese text on form pages, on the board and
in built reports has a glyph for every character (see `glyph_check`). One server, one browser and
one copy of the demo store serve every test of the module.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from browser_helpers import CHROMIUM_ARGS, HOST, PHONE_VIEWPORT, OtherHosts
from glyph_check import missing_glyphs
from omt.i18n import format_date, translation
from omt.store import Store
from omt.store.links import issue_link
from omt.tools.reports.builder import ReportBuilder
from omt.tools.server import forms_server_command
from voila_server_helpers import free_port, running_server, wait_until_ready

pytestmark = pytest.mark.browser

PAGE_TIMEOUT_MS = 120_000
PEOPLE = ("V-06", "V-05", "M-VN-HAN", "C-FR-LYON", "C-TH-CNX")
DEMO_DAY = dt.date(2026, 12, 4)
THAI = "ความเป็นอยู่ของอาสาสมัคร พี่เลี้ยง องค์กรผู้รับ"
VIETNAMESE = "Tình nguyện viên, người cố vấn, tổ chức tiếp nhận: Đức, Nguyễn Thị Hương"
# Every Thai letter and mark the partners' texts use sits in U+0E01-U+0E5B; these Vietnamese
# letters exist in no other partner language.
THAI_RANGE = range(0x0E01, 0x0E5C)
VIETNAMESE_LETTERS = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĐ")
# Only DejaVu, which has Vietnamese letters but no Thai: the fonts of a machine without
# fonts-thai-tlwg and fonts-noto-core.
DEJAVU_ONLY_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


@pytest.fixture(scope="module")
def store(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    root = tmp_path_factory.mktemp("language") / "store"
    shutil.copytree(demo_template, root)
    return Store(root)


@pytest.fixture(scope="module")
def keys(store: Store) -> dict[str, str]:
    keys = {person_id: issue_link(store, person_id)[0] for person_id in PEOPLE}
    past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=10)
    keys["expired"] = issue_link(store, "V-06", days=1, now=past)[0]
    return keys


@pytest.fixture(scope="module")
def server_url(store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log_path = tmp_path_factory.mktemp("voila") / "server.log"
    with running_server(forms_server_command(HOST, port), store.root, log_path) as process:
        wait_until_ready(f"http://{HOST}:{port}/", process, log_path)
        yield f"http://{HOST}:{port}/voila/render"


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(playwright: Playwright, chromium_path: str) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def open_context(browser: Browser, locale: str = "en-US") -> tuple[BrowserContext, OtherHosts]:
    """Return a phone-sized browser context in `locale` that reaches only 127.0.0.1."""
    other_hosts = OtherHosts()
    context = browser.new_context(viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True, locale=locale)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    context.set_default_navigation_timeout(PAGE_TIMEOUT_MS)
    context.route("**/*", other_hosts.handle)
    return context, other_hosts


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context, other_hosts = open_context(browser)
    yield context.new_page()
    context.close()
    assert other_hosts.urls == []


@pytest.fixture(scope="module")
def reports(store: Store, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build the Thai report of TH-US-05 and the Vietnamese one of FR-VN-01; return their HTML files."""
    out = tmp_path_factory.mktemp("reports")
    files = {}
    for language, placement_id in (("th", "TH-US-05"), ("vi", "FR-VN-01")):
        outcome = ReportBuilder(store, out / language, language=language, as_of=DEMO_DAY).build(placement_id)
        assert outcome.status == "ok", outcome
        files[language] = out / language / outcome.html_file
    return files


def assert_every_glyph_drawn(page: Page, selector: str = "body") -> str:
    """Fail when a character under `selector` shows as the missing-glyph box; return the characters checked."""
    report = missing_glyphs(page, selector)
    assert report.missing == (), f"characters without a glyph: {report.describe()}"
    return report.characters


def has_thai(characters: str) -> bool:
    return any(ord(character) in THAI_RANGE for character in characters)


def has_vietnamese(characters: str) -> bool:
    return bool(VIETNAMESE_LETTERS & set(characters))


# -- the language of the page -------------------------------------------------------------------


def test_switch_keeps_answers_saves_language(page: Page, server_url: str, keys: dict[str, str],
                                             store: Store) -> None:
    page.goto(f"{server_url}/volunteer_checkin.ipynb?key={keys['V-06']}")
    expect(page.locator(".omt-submit")).to_be_enabled()
    expect(page.locator(".omt-form h2")).to_have_text("How are you doing?")
    page.locator(".omt-field-went_well textarea").fill("Dạy tiếng Anh cho các em rất vui")
    page.locator(".omt-field-wellbeing button", has_text="4").click()

    page.locator(".omt-language select").select_option(label="Tiếng Việt")

    expect(page.locator(".omt-form h2")).to_have_text("Dạo này bạn thế nào?")
    expect(page.locator(".omt-field-went_well textarea")).to_have_value("Dạy tiếng Anh cho các em rất vui")
    page.get_by_label("Không", exact=True).check()
    page.locator(".omt-submit").click()
    reference = translation("vi").gettext("Reference: {submission_id}").split("{")[0].strip()
    expect(page.locator(".omt-confirmation")).to_contain_text(reference)
    [saved] = [s for s in store.submissions("US-FR-06", "volunteer_checkin")
               if s.answers.get("went_well") == "Dạy tiếng Anh cho các em rất vui"]
    assert (saved.language, saved.author_id, saved.answers["wellbeing"]) == ("vi", "V-06", 4)


def test_expired_link_in_browser_language(browser: Browser, server_url: str, keys: dict[str, str]) -> None:
    context, other_hosts = open_context(browser, locale="it-IT")
    page = context.new_page()
    page.goto(f"{server_url}/volunteer_checkin.ipynb?key={keys['expired']}")
    expect(page.locator(".omt-message")).to_contain_text("Questo link non apre nessun modulo")
    expect(page.locator(".omt-form")).to_have_count(0)
    context.close()
    assert other_hosts.urls == []


def test_board_in_coordinator_language(page: Page, server_url: str, keys: dict[str, str]) -> None:
    page.goto(f"{server_url}/board.ipynb?key={keys['C-FR-LYON']}")
    expect(page.locator(".omt-card")).to_have_count(12)
    expect(page.locator(".omt-board h2")).to_contain_text(format_date(dt.date.today(), "fr"))
    expect(page.locator(".omt-chart")).to_contain_text("Accompagnement régulier")
    expect(page.locator(".omt-filter-country option", has_text="Thaïlande")).to_have_count(1)
    count = translation("fr").ngettext("{shown} of {total} placement shown", "{shown} of {total} placements shown",
                                       12).format(shown=12, total=12)
    expect(page.locator(".omt-count")).to_have_text(count)


def test_thai_board_every_glyph_drawn(page: Page, server_url: str, keys: dict[str, str]) -> None:
    page.goto(f"{server_url}/board.ipynb?key={keys['C-TH-CNX']}")
    card = page.locator(".omt-card-TH-US-05")
    expect(card).to_be_visible()
    expect(page.locator(".omt-chart")).to_contain_text("การสนับสนุนอย่างสม่ำเสมอ")
    card.locator(".omt-timeline-button").click()
    expect(card.locator(".omt-timeline li").first).to_be_visible()
    characters = assert_every_glyph_drawn(page)
    assert has_thai(characters)
    assert has_vietnamese(characters)  # meeting notes written in Vietnamese, in the timeline


def test_thai_form_every_glyph_drawn(page: Page, server_url: str, keys: dict[str, str]) -> None:
    page.goto(f"{server_url}/volunteer_checkin.ipynb?key={keys['V-05']}")
    expect(page.locator(".omt-submit")).to_be_enabled()
    expect(page.locator(".omt-form h2")).to_have_text("ช่วงนี้เป็นอย่างไรบ้าง")
    assert has_thai(assert_every_glyph_drawn(page))


def test_vietnamese_form_every_glyph_drawn(page: Page, server_url: str, keys: dict[str, str]) -> None:
    page.goto(f"{server_url}/meeting_log.ipynb?key={keys['M-VN-HAN']}&placement=FR-VN-01")
    expect(page.locator(".omt-submit")).to_be_enabled()
    expect(page.locator(".omt-form h2")).to_have_text("Nhật ký các buổi gặp với người cố vấn")
    assert has_vietnamese(assert_every_glyph_drawn(page))


@pytest.mark.parametrize("language", ["th", "vi"])
def test_report_every_glyph_drawn(page: Page, reports: dict[str, Path], language: str) -> None:
    # The report is one self-contained file, with its charts inline; a request elsewhere fails the test.
    page.set_content(reports[language].read_text(encoding="utf-8"))
    expect(page.locator("h1")).to_be_visible()
    characters = assert_every_glyph_drawn(page)
    assert has_thai(characters) if language == "th" else has_vietnamese(characters)


# -- the check itself ---------------------------------------------------------------------------


def test_check_flags_characters_without_font(page: Page) -> None:
    page.set_content(f"<p>{THAI}</p><p>{VIETNAMESE}</p><p>\ue000 \u0379</p>")
    report = missing_glyphs(page)
    assert report.missing_characters == {"\ue000", "\u0379"}
    assert has_thai(report.characters)
    assert has_vietnamese(report.characters)


def test_check_flags_thai_without_thai_fonts(playwright: Playwright, chromium_path: str, tmp_path: Path) -> None:
    config = tmp_path / "fonts.conf"
    config.write_text(DEJAVU_ONLY_FONTCONFIG.format(cache=tmp_path / "font-cache"), encoding="utf-8")
    browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS,
                                         env={**os.environ, "FONTCONFIG_FILE": str(config)})
    page = browser.new_page()
    page.set_content(f"<p>{THAI}</p><p id='vi'>{VIETNAMESE}</p>")
    thai_missing = missing_glyphs(page).missing_characters
    vietnamese_missing = missing_glyphs(page, "#vi").missing_characters
    browser.close()
    assert {character for character in THAI if not character.isspace()} <= thai_missing
    assert vietnamese_missing == set()
