"""The interface catalogs: complete in every language, in step with the source, and rendered without missing glyphs."""

from __future__ import annotations

import ast
import datetime as dt
import re
import threading
import warnings
from pathlib import Path

import matplotlib
import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from omt import i18n  # noqa: E402
from omt.tools.reports.charts import CHART_FONTS  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
LANGUAGES = i18n.TRANSLATED_LANGUAGES
# Translations that are rightly the same as the English: the word is the same in that language.
SAME_AS_ENGLISH = {("fr", "Mentor"), ("it", "No")}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# A literal `_("...")`, `_('...')` or `N_("...")` anywhere, also inside an f-string, which
# Babel's extractor does not look into.
LITERAL_CALL = re.compile(r"""\bN?_\(\s*(["'])((?:(?!\1)[^\\\n]|\\.)+)\1\s*\)""")
THAI = "ความเป็นอยู่ของอาสาสมัคร พี่เลี้ยง องค์กรผู้รับ"
VIETNAMESE = "Tình nguyện viên, người cố vấn, tổ chức tiếp nhận: Đức, Nguyễn Thị Hương"


def load_catalog(language: str):
    with i18n.catalog_path(language).open("rb") as po_file:
        return read_po(po_file, locale=language, domain=i18n.DOMAIN)


def catalog_messages(language: str) -> list:
    return [message for message in load_catalog(language) if message.id]


def extracted_ids() -> set[str]:
    """Return the singular msgids that `pybabel extract -F babel.cfg -k N_` finds in the source."""
    with (PROJECT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    ids = set()
    for _filename, _line, message, _comments, _context in extract_from_dir(
            str(PROJECT), method_map, options_map, keywords=keywords):
        ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


def source_literal_ids() -> set[str]:
    """Return the strings of literal `_()`/`N_()` calls in the source, as a second net under Babel."""
    ids = set()
    for folder in ("widgets", "tools", "store", "src"):
        for path in (PROJECT / folder).rglob("*.py"):
            for match in LITERAL_CALL.finditer(path.read_text(encoding="utf-8")):
                ids.add(ast.literal_eval(match.group(0)[match.group(0).index("(") + 1:-1].strip()))
    return ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_complete(language: str) -> None:
    for message in catalog_messages(language):
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms), f"{language}: no translation for {message.id!r}"
        assert not message.fuzzy, f"{language}: translation of {message.id!r} is marked fuzzy"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_differs_from_english(language: str) -> None:
    for message in catalog_messages(language):
        english = message.id[0] if isinstance(message.id, tuple) else message.id
        first = message.string[0] if isinstance(message.string, tuple) else message.string
        if (language, english) not in SAME_AS_ENGLISH:
            assert first != english, f"{language}: {english!r} is left in English"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_keeps_placeholders(language: str) -> None:
    for message in catalog_messages(language):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) == expected, f"{language}: {form!r} for {ids[0]!r}"


def test_source_strings_in_catalogs() -> None:
    found = extracted_ids()
    assert "Save" in found, "extraction found no known string: check babel.cfg"
    for language in LANGUAGES:
        known = {message.id[0] if isinstance(message.id, tuple) else message.id
                 for message in catalog_messages(language)}
        missing = sorted(found - known)
        assert not missing, f"{language} catalog lacks {missing}; update the catalogs (docs/translation.md)"


def test_literal_calls_in_catalogs() -> None:
    literals = source_literal_ids()
    assert "(required)" in literals
    for language in LANGUAGES:
        known = {message.id[0] if isinstance(message.id, tuple) else message.id
                 for message in catalog_messages(language)}
        missing = sorted(literals - known)
        assert not missing, f"{language} catalog lacks {missing}"


def test_translation_compiled_in_memory() -> None:
    assert i18n.translation("fr").gettext("Save") == "Enregistrer"
    assert i18n.translation("th").gettext("Save") == "บันทึก"
    assert i18n.translation("vi").ngettext("{count} row", "{count} rows", 3) == "{count} dòng"
    assert i18n.translation("it").ngettext("{count} row", "{count} rows", 1) == "{count} riga"
    assert i18n.translation("it").ngettext("{count} row", "{count} rows", 2) == "{count} righe"
    assert i18n.translation("fr") is i18n.translation("fr")


def test_translation_unknown_language_english() -> None:
    assert i18n.translation("xx").gettext("Save") == "Save"
    assert i18n.translation("en").gettext("Save") == "Save"


def test_use_language_sets_and_restores() -> None:
    assert i18n.current_language() == "en"
    with i18n.use_language("vi"):
        assert i18n.gettext("Save") == "Lưu"
        with i18n.use_language("th"):
            assert i18n.gettext("Yes") == "ใช่"
        assert i18n.current_language() == "vi"
    assert i18n.gettext("Save") == "Save"


def test_use_language_per_thread() -> None:
    seen = {}

    def other_thread() -> None:
        seen["other"] = i18n.gettext("Save")

    with i18n.use_language("fr"):
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
        seen["here"] = i18n.gettext("Save")
    assert seen == {"other": "Save", "here": "Enregistrer"}


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "December 4, 2026"), ("fr", "4 décembre 2026"), ("it", "4 dicembre 2026"),
    ("vi", "4 tháng 12, 2026"), ("th", "4 ธันวาคม ค.ศ. 2026"),
])
def test_format_date_per_language(language: str, expected: str) -> None:
    assert i18n.format_date(dt.date(2026, 12, 4), language) == expected


def test_format_number_per_language() -> None:
    assert i18n.format_number(1234.5, "fr") == "1\u202f234,5"
    assert i18n.format_number(1234.5, "it") == "1.234,5"
    assert i18n.format_number(1234.5, "th") == "1,234.5"
    assert i18n.format_number(12.5, "unknown") == "12.5"


def glyph_warnings(fonts: list[str], text: str) -> list[str]:
    """Draw `text` as a title and tick labels with `fonts`, and return matplotlib's glyph warnings."""
    with warnings.catch_warnings(record=True) as caught, matplotlib.rc_context({"font.family": fonts}):
        warnings.simplefilter("always")
        figure, axes = plt.subplots(figsize=(4, 2))
        axes.set_title(text)
        axes.set_xticks([0, 1], [text[:12], text[-12:]])
        figure.canvas.draw()
        plt.close(figure)
    return [str(warning.message) for warning in caught if "Glyph" in str(warning.message)]


def test_thai_glyph_check_can_fail() -> None:
    assert glyph_warnings(["DejaVu Sans"], THAI), "DejaVu Sans alone should lack Thai glyphs"


@pytest.mark.parametrize("text", [THAI, VIETNAMESE])
def test_chart_fonts_cover_text(text: str) -> None:
    assert glyph_warnings(CHART_FONTS, text) == []
