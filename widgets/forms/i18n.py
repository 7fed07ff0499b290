"""Translation of the strings a user sees in a form.

Every user-visible string goes through `_()` (or `ngettext()` when it depends on a count). Strings
defined before a language is known, such as class attributes, are marked with `N_()` so that
extraction tools find them, and translated with `_()` where they are shown. Until catalogs exist,
the functions return their argument unchanged; `use_translations` installs a `gettext` catalog.
"""

from __future__ import annotations

import gettext

_translations: gettext.NullTranslations = gettext.NullTranslations()


def use_translations(translations: gettext.NullTranslations) -> None:
    """Install the catalog that `_()` looks strings up in, for this process."""
    global _translations
    _translations = translations


def _(message: str) -> str:
    """Return `message` in the installed language, or unchanged when it has no translation."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return the singular or plural form of a message for `count`, in the installed language."""
    return _translations.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it yet."""
    return message


class LocalText(str):
    """A text of a form definition with its translations; as a `str` it is the English text.

    Definitions write a translatable text either as plain English or as a mapping from language
    code to text, such as `{en: Notes, fr: Notes, vi: Ghi chú}`. English is required, because it is
    the partners' common working language and the fallback for every missing translation.
    """

    translations: dict[str, str]

    def __new__(cls, english: str, translations: dict[str, str] | None = None) -> LocalText:
        text = super().__new__(cls, english)
        text.translations = {**(translations or {}), "en": english}
        return text

    def in_language(self, language: str) -> str:
        """Return the text in `language`, or the English text when it has no translation there."""
        return self.translations.get(language) or str(self)


def in_language(text: str, language: str) -> str:
    """Return a definition's text in `language`: its translation, else its English, else `_(text)`."""
    if isinstance(text, LocalText) and language in text.translations:
        return text.translations[language]
    return _(text)
