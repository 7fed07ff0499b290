"""Translation of the strings a user sees in a form, delegated to `omt.i18n`.

Every user-visible string goes through `_()` (or `ngettext()` when it depends on a count). Strings
defined before a language is known, such as class attributes, are marked with `N_()` so that
extraction tools find them, and translated with `_()` where they are shown. `_()` translates into
the current language of `omt.i18n`: code that shows a form in a person's language wraps the work in
`use_language(language)`, including the work done later in button callbacks. The texts of form
definitions carry their own translations (`LocalText`) and are shown with `in_language`.
"""

from __future__ import annotations

import gettext

from omt import i18n
from omt.i18n import use_language

__all__ = ["LocalText", "N_", "_", "in_language", "ngettext", "use_language", "use_translations"]

# Set only by `use_translations`; None means the catalogs of `omt.i18n`.
_installed: gettext.NullTranslations | None = None


def use_translations(translations: gettext.NullTranslations | None) -> None:
    """Make `_()` look strings up in `translations` for this whole process, whatever the language.

    Meant for trying out a catalog by hand; None goes back to the catalogs of the current language.
    """
    global _installed
    _installed = translations


def _(message: str) -> str:
    """Return `message` in the current language, or unchanged when it has no translation."""
    if _installed is not None:
        return _installed.gettext(message)
    return i18n.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return the singular or plural form of a message for `count`, in the current language."""
    if _installed is not None:
        return _installed.ngettext(singular, plural, count)
    return i18n.ngettext(singular, plural, count)


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
    """Return a definition's text in `language`.

    A `LocalText` gives its own translation, or its English. Any other text is looked up in the
    interface catalog of `language`, and stays as it is when the catalog lacks it.
    """
    if isinstance(text, LocalText) and language in text.translations:
        return text.translations[language]
    if _installed is not None:
        return _installed.gettext(text)
    return i18n.translation(language).gettext(text)
