"""Translation of the interface strings of the whole package, and locale-aware dates and numbers.

The catalogs are gettext `.po` files of the domain `omt`, one per language, under
`omt/locale/<language>/LC_MESSAGES/omt.po`; English is the source language and needs none.
`translation(language)` compiles a catalog in memory the first time it is asked for and keeps it,
so no compiled `.mo` file has to be shipped or kept in step with its `.po` file.

Code that has the reader's language passes it explicitly:

    translator = translation("vi")
    translator.gettext("Save")

Code deep inside a widget, which only calls `gettext()`, reads the current language of the
context, set by the caller with `use_language`:

    with use_language(author.language):
        form = FormView(...)

The current language is a `contextvars.ContextVar`, so two forms open in one kernel, or two
requests of one server, never see each other's language. It is English until it is set.

See docs/translation.md for extracting strings and updating the catalogs.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import gettext as gettext_module
import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import babel
import babel.dates
import babel.numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

log = logging.getLogger(__name__)

DOMAIN = "omt"
LOCALE_FOLDER = Path(__file__).parent / "locale"
SOURCE_LANGUAGE = "en"
# The partners' working languages besides English; each has a catalog in LOCALE_FOLDER.
TRANSLATED_LANGUAGES = ("fr", "it", "vi", "th")

_current_language: contextvars.ContextVar[str] = contextvars.ContextVar("omt_language", default=SOURCE_LANGUAGE)


def catalog_path(language: str) -> Path:
    """Return the path of the `.po` catalog of `language`, whether or not it exists."""
    return LOCALE_FOLDER / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.lru_cache(maxsize=None)
def translation(language: str) -> gettext_module.NullTranslations:
    """Return the translations of `language`, with `gettext` and `ngettext`, compiled once per process.

    English, and a language without a catalog, return `NullTranslations`, which give back the
    English text. A missing catalog is logged rather than raised, so that a page still shows. Fuzzy
    entries are left out, as `msgfmt` does, so a translation marked for review shows in English.
    """
    if language == SOURCE_LANGUAGE:
        return gettext_module.NullTranslations()
    path = catalog_path(language)
    if not path.is_file():
        log.warning("translation catalog for language %r not found at %s; showing English (catalogs exist for %s)",
                    language, path, ", ".join(TRANSLATED_LANGUAGES))
        return gettext_module.NullTranslations()
    with path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext_module.GNUTranslations(compiled)


def current_language() -> str:
    """Return the language set by the innermost `use_language`, or English."""
    return _current_language.get()


@contextmanager
def use_language(language: str) -> Iterator[str]:
    """Make `language` the current language inside the `with` block, and restore the previous one after."""
    token = _current_language.set(language or SOURCE_LANGUAGE)
    try:
        yield current_language()
    finally:
        _current_language.reset(token)


def gettext(message: str) -> str:
    """Return `message` in the current language, or unchanged when it has no translation there."""
    return translation(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return the form of a message for `count` in the current language, following its plural rules."""
    return translation(current_language()).ngettext(singular, plural, count)


def locale_for(language: str) -> babel.Locale:
    """Return Babel's locale for a language code such as `vi`, or English for an unknown code."""
    try:
        return babel.Locale.parse(language or SOURCE_LANGUAGE)
    except (ValueError, babel.UnknownLocaleError):
        log.warning("unknown language %r for dates and numbers; using English", language)
        return babel.Locale.parse(SOURCE_LANGUAGE)


def format_date(day: dt.date, language: str, length: str = "long") -> str:
    """Return a date as people write it in `language`, such as `4 décembre 2026` or `4 tháng 12, 2026`.

    `length` is Babel's: `short`, `medium`, `long` or `full`. The month is spelled out by default, so
    that 4/12 and 12/4 cannot be confused between partners. Babel keeps the Gregorian year in Thai,
    marked `ค.ศ.` in the long form, rather than the Buddhist Era year.
    """
    return babel.dates.format_date(day, format=length, locale=locale_for(language))


def format_datetime(moment: dt.datetime, language: str, length: str = "medium") -> str:
    """Return a date and time as people write them in `language`, in the time zone of `moment`."""
    return babel.dates.format_datetime(moment, format=length, locale=locale_for(language),
                                       tzinfo=moment.tzinfo)


def country_name(code: str, language: str) -> str:
    """Return the name of the country with ISO 3166 code `code` in `language`, such as `Thaïlande` for TH in French.

    The names come from Babel's CLDR data; an unknown code is returned as it is.
    """
    return locale_for(language).territories.get(code.upper(), code)


def format_number(number: float, language: str) -> str:
    """Return a number with the decimal sign and digit grouping of `language`, such as `12,5` in French."""
    return babel.numbers.format_decimal(number, locale=locale_for(language))
