"""Every text of every form definition exists in French, Italian, Vietnamese and Thai, and shows on the page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as widgets
import pytest
import yaml

from omt.i18n import TRANSLATED_LANGUAGES, use_language
from omt.store import Store
from omt.widgets.forms import FormView, load_definition
from omt.widgets.forms.definition import DEFINITIONS_FOLDER, TEXT_KEYS, shipped_form_ids

FORM_TEXT_KEYS = {"title", "intro", *TEXT_KEYS}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# Texts that are rightly the same as the English in one language: the word is the same there.
SAME_AS_ENGLISH = {
    ("fr", "Mentor"), ("fr", "Notes"), ("fr", "Date"), ("fr", "Action"), ("fr", "Accident"),
    ("fr", "France"), ("it", "No"), ("it", "Vietnam"),
}


def definition_texts(path: Path) -> Iterator[tuple[str, object]]:
    """Yield (where, text) for every translatable text of one definition file, as written."""
    def walk(node: object, where: str) -> Iterator[tuple[str, object]]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in FORM_TEXT_KEYS:
                    yield f"{where}.{key}", value
                else:
                    yield from walk(value, f"{where}.{node.get('name', node.get('value', key))}")
        elif isinstance(node, list):
            for item in node:
                yield from walk(item, where)

    yield from walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.stem)


ALL_TEXTS = [item for path in sorted(DEFINITIONS_FOLDER.glob("*.yaml")) for item in definition_texts(path)]


def test_definitions_have_texts() -> None:
    assert len(ALL_TEXTS) > 300


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_text_translated(language: str) -> None:
    for where, text in ALL_TEXTS:
        assert isinstance(text, dict), f"{where}: {text!r} has no translations"
        assert str(text.get(language) or "").strip(), f"{where}: no {language} text for {text['en']!r}"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_translations_differ_from_english(language: str) -> None:
    for where, text in ALL_TEXTS:
        if (language, text["en"]) not in SAME_AS_ENGLISH:
            assert text[language] != text["en"], f"{where}: the {language} text is the English {text['en']!r}"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_translations_keep_placeholders(language: str) -> None:
    for where, text in ALL_TEXTS:
        assert set(PLACEHOLDER.findall(text[language])) == set(PLACEHOLDER.findall(text["en"])), where


def page_text(widget: widgets.Widget) -> str:
    """Return the text of every HTML widget, button, checkbox and option under `widget`."""
    parts = []
    if isinstance(widget, widgets.HTML):
        parts.append(widget.value)
    if isinstance(widget, (widgets.Button, widgets.Checkbox)):
        parts.append(widget.description)
    if isinstance(widget, (widgets.RadioButtons, widgets.Dropdown, widgets.ToggleButtons)):
        parts.extend(label for label in widget._options_labels)
    for child in getattr(widget, "children", ()):
        parts.append(page_text(child))
    return "\n".join(parts)


@pytest.mark.parametrize(("language", "expected"), [
    ("th", ["ช่วงนี้เป็นอย่างไรบ้าง", "ช่วงนี้คุณรู้สึกอย่างไร", "อยากคุยเรื่องนี้กับใครสักคนไหม", "(จำเป็น)", "บันทึก",
            "ใช่", "พี่เลี้ยงของฉัน"]),
    ("vi", ["Dạo này bạn thế nào?", "Dạo này bạn cảm thấy thế nào?", "Điều gì diễn ra tốt đẹp?", "(bắt buộc)", "Lưu",
            "Có", "Người cố vấn của mình"]),
])
def test_form_shows_language(language: str, expected: list[str], tmp_path: Path) -> None:
    with use_language(language):
        form = FormView(load_definition("volunteer_checkin"), Store(tmp_path / "store"), "FR-VN-01", "V-FR-ANNA",
                        language=language)
    text = page_text(form.widget)
    for words in expected:
        assert words in text, f"{words!r} missing from the {language} page"
    assert "How are you doing?" not in text


@pytest.mark.parametrize("form_id", shipped_form_ids())
def test_shipped_form_loads(form_id: str) -> None:
    definition = load_definition(form_id)
    assert definition.title.in_language("th") != str(definition.title)
