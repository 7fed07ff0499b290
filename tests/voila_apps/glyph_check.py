"""Find characters that Chromium draws as the missing-glyph box, in a page as the reader sees it.

For every text node under an element, the check draws each distinct character on a canvas, in
the font the node is shown in: style, weight, size and family from `getComputedStyle`. The canvas
then falls back to other fonts as the page does. The check also draws U+0378, a code point that
Unicode leaves unassigned and so no font covers, in the same font. A character whose pixels are
identical to those of U+0378 has no glyph in any font the browser found, so it shows as a box.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page

# The script run in the page. It returns {characters: every distinct character checked,
# missing: [{character, font}]}, one entry per character drawn as a box in that font.
MISSING_GLYPHS_SCRIPT = """
(root) => {
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", {willReadFrequently: true});
  const pixels = (text, font, size) => {
    canvas.width = canvas.height = size;
    context.font = font;
    context.textBaseline = "middle";
    context.fillStyle = "#000";
    context.fillText(text, size / 4, size / 2);
    return context.getImageData(0, 0, size, size).data.join(",");
  };
  const pairs = new Map();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const style = getComputedStyle(node.parentElement);
    const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const size = Math.ceil(parseFloat(style.fontSize) * 2);
    for (const character of node.data) {
      if (/[\\s\\p{Cc}\\p{Cf}]/u.test(character)) continue;
      pairs.set(font + "\\u0000" + character, {character, font, size});
    }
  }
  const boxes = new Map();
  const missing = [];
  for (const {character, font, size} of pairs.values()) {
    if (!boxes.has(font)) boxes.set(font, pixels("\\u0378", font, size));
    if (pixels(character, font, size) === boxes.get(font)) missing.push({character, font});
  }
  const characters = [...new Set([...pairs.values()].map((pair) => pair.character))].join("");
  return {characters, missing};
}
"""


@dataclass(frozen=True)
class GlyphReport:
    """What the check found: the characters it drew, and each (character, font) drawn as a box."""

    characters: str
    missing: tuple[tuple[str, str], ...]

    @property
    def missing_characters(self) -> set[str]:
        return {character for character, _font in self.missing}

    def describe(self) -> str:
        return "; ".join(f"U+{ord(character):04X} {character!r} in {font}" for character, font in self.missing)


def missing_glyphs(page: Page, selector: str = "body") -> GlyphReport:
    """Return the characters under `selector` that the page draws as the missing-glyph box."""
    result = page.locator(selector).first.evaluate(MISSING_GLYPHS_SCRIPT)
    return GlyphReport(result["characters"], tuple((item["character"], item["font"]) for item in result["missing"]))
