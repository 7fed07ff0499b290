"""Which language a page is shown in: `lang` parameter, then profile, then Accept-Language, then English."""

import ipywidgets as widgets
import pytest

from omt.i18n import current_language, translation
from omt.widgets.forms.i18n import _
from omt.widgets.language import (LanguagePage, LanguageRequest, accepted_language, chosen_language, language_request,
                                  language_switch)


@pytest.mark.parametrize(("header", "expected"), [
    ("vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7", "vi"),
    ("th", "th"),
    ("de-DE,de;q=0.9,it;q=0.5,fr;q=0.6", "fr"),
    ("fr-CA;q=0.4,it-CH;q=0.4", "fr"),
    ("de,es", None),
    ("fr;q=0,it;q=0.1", "it"),
    ("fr;q=abc,th;q=0.2", "th"),
    ("", None),
    (None, None),
])
def test_accepted_language_ranks_by_weight_then_order(header, expected):
    assert accepted_language(header) == expected


@pytest.mark.parametrize(("query", "expected"), [
    ("key=abc&lang=vi", "vi"),
    ("lang=TH", "th"),
    ("lang=vn", None),
    ("key=abc", None),
    ("lang=fr&lang=it", "fr"),
])
def test_chosen_language_reads_only_supported_languages(query, expected):
    assert chosen_language(query) == expected


def test_choice_on_page_wins_over_profile_and_browser():
    request = language_request("key=k&lang=it", {"HTTP_ACCEPT_LANGUAGE": "th"})
    assert request.language_for("fr") == "it"


def test_profile_wins_over_browser():
    request = language_request("key=k", {"HTTP_ACCEPT_LANGUAGE": "th"})
    assert request.language_for("vi") == "vi"


def test_browser_language_without_person():
    assert language_request("key=expired", {"HTTP_ACCEPT_LANGUAGE": "it-IT,it;q=0.9"}).language_for() == "it"


def test_english_as_last_resort():
    assert LanguageRequest().language_for(None) == "en"
    assert LanguageRequest(chosen="xx", accepted="de").language_for("zz") == "en"


def test_switch_lists_languages_in_own_names() -> None:
    switch = language_switch("vi", lambda language: None)
    assert switch.options == (("English", "en"), ("Français", "fr"), ("Italiano", "it"), ("Tiếng Việt", "vi"),
                              ("ไทย", "th"))
    assert switch.value == "vi"
    assert "omt-language" in switch._dom_classes


def test_switch_calls_back_with_choice() -> None:
    chosen: list[str] = []
    switch = language_switch("en", chosen.append)
    switch.value = "th"
    assert chosen == ["th"]


def test_page_built_again_in_chosen_language() -> None:
    built: list[tuple[str, str]] = []

    def build(language: str) -> widgets.HTML:
        built.append((language, current_language()))
        return widgets.HTML(_("Save"))

    page = LanguagePage("fr", build)
    page.switch.value = "th"
    assert built == [("fr", "fr"), ("th", "th")]
    assert page.content.children[0].value == translation("th").gettext("Save")
    assert page.switch.description == translation("th").gettext("Language")
    assert page.language == "th"
