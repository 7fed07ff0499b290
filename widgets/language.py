"""Which language a page is shown in: the one chosen on the page, the person's, or the browser's.

Every page served by `omt serve` (forms, job shadowing, needs survey, board) picks its language the
same way, first match wins:

1. the `lang` parameter of the page's URL (`?key=...&lang=vi`), for a link that opens a page in
   a given language;
2. the language of the person's profile, when the access key names a person;
3. the browser's `Accept-Language` header, which Voilà passes to the kernel as
   `HTTP_ACCEPT_LANGUAGE` because `omt serve` lists it in `http_header_envs`; this is the only
   clue on a page whose link names nobody, such as a link that has expired;
4. English, the partners' common language.

A value that is not one of `LANGUAGES` is ignored at every step, so a mistyped `lang=vn` falls
through to the person's language rather than failing.

The page then shows `language_switch`, a drop-down of the five languages. Picking one builds the
page again in the kernel, in that language, without reloading it, so nothing typed is lost; the
URL keeps its old `lang`, so a reload shows the language the URL names.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs

import ipywidgets as widgets

from omt.i18n import translation, use_language
from omt.store.vocabulary import LANGUAGES

LANGUAGE_PARAMETER = "lang"
ACCEPT_LANGUAGE_VARIABLE = "HTTP_ACCEPT_LANGUAGE"
SOURCE_LANGUAGE = "en"
# Each language as its own speakers name it, in the order a language switch lists them.
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "it": "Italiano", "vi": "Tiếng Việt", "th": "ไทย"}


@dataclass(frozen=True)
class LanguageRequest:
    """Language hints of a page's request: the `lang` parameter and the `Accept-Language` header."""

    chosen: str | None = None
    accepted: str | None = None

    def language_for(self, profile_language: str | None = None) -> str:
        """Return the page's language: chosen on the page, else the profile's, else the browser's, else English."""
        for language in (self.chosen, profile_language, self.accepted):
            if language in LANGUAGES:
                return language
        return SOURCE_LANGUAGE


def language_request(query: str, environment: Mapping[str, str] | None = None) -> LanguageRequest:
    """Return the language clues of a request: its URL query string and its environment's headers.

    `environment` defaults to `os.environ`, where Voilà puts the request's headers for the kernel.
    """
    environment = os.environ if environment is None else environment
    return LanguageRequest(chosen=chosen_language(query),
                           accepted=accepted_language(environment.get(ACCEPT_LANGUAGE_VARIABLE)))


def chosen_language(query: str) -> str | None:
    """Return the first `lang` value of a URL query string when it is a supported language, else None."""
    value = (parse_qs(query).get(LANGUAGE_PARAMETER) or [""])[0].strip().lower()
    return value if value in LANGUAGES else None


def accepted_language(header: str | None) -> str | None:
    """Return the supported language the browser prefers most in an `Accept-Language` header, or None.

    Entries are ranked by their `q` weight (1 when absent), then by their order in the header. A
    regional tag such as `fr-CA` counts as its language, `fr`. A weight of 0 excludes the language.
    """
    ranked = []
    for position, entry in enumerate((header or "").split(",")):
        tag, _separator, parameters = entry.strip().partition(";")
        language = tag.strip().split("-")[0].lower()
        weight = _weight(parameters)
        if language in LANGUAGES and weight > 0:
            ranked.append((-weight, position, language))
    return min(ranked)[2] if ranked else None


def _weight(parameters: str) -> float:
    """Return the `q` weight of an `Accept-Language` entry's parameters, 1 when absent, 0 when unreadable."""
    for parameter in parameters.split(";"):
        name, _separator, value = parameter.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0



# -- the language switch on the page -----------------------------------------------------------

def language_switch(language: str, on_change: Callable[[str], None]) -> widgets.Dropdown:
    """Return a drop-down of LANGUAGE_NAMES set to `language`; picking another calls `on_change(code)`.

    Each language is listed in its own name, so readers find theirs whatever the page's language.
    The caller decides what a switch changes: `LanguagePage` builds its content again, and a page
    with its own layout passes its own callback.
    """
    switch = widgets.Dropdown(options=[(name, code) for code, name in LANGUAGE_NAMES.items()], value=language,
                              description=switch_label(language), style={"description_width": "initial"},
                              layout=widgets.Layout(width="auto"))
    switch.add_class("omt-language")
    switch.observe(lambda change: on_change(change["new"]), names="value")
    return switch


def switch_label(language: str) -> str:
    """Return the switch's label, "Language", in `language`."""
    return translation(language).gettext("Language")


class LanguagePage:
    """A page with the language switch above content that `build(language)` makes.

    Picking a language builds the content again in that language, with it as the current language
    of `omt.i18n`, so `build` may call `_()`. A `build` that must keep what the person entered
    does so itself (see `omt.widgets.forms.app.FormViews`).
    """

    def __init__(self, language: str, build: Callable[[str], widgets.Widget]):
        self.language = language
        self.build = build
        self.switch = language_switch(language, self._show)
        bar = widgets.Box([self.switch])
        bar.add_class("omt-language-bar")
        self.content = widgets.VBox()
        self.content.add_class("omt-language-content")
        self.widget = widgets.VBox([bar, self.content])
        self.widget.add_class("omt-language-page")
        self._show(language)

    def _show(self, language: str) -> None:
        with use_language(language):
            self.content.children = [self.build(language)]
        self.language = language
        self.switch.description = switch_label(language)
