#!/usr/bin/env python3
"""Cut the fonts that svcspec embeds for PDF output from Debian's fonts-noto-cjk.

The PDF writer must set Chinese on a machine with no CJK font at all, so svcspec carries two
fonts in the binary, cut down to what contracts need: every character of GB 2312 (6,763 hanzi and
682 symbols), CJK symbols and punctuation, full-width forms, ASCII, Latin-1 and general
punctuation.

- Noto Serif CJK SC Regular, the body text (a 宋体 design);
- Noto Sans CJK SC Bold, headings and bold text (a 黑体 design).

Both are under the SIL Open Font License 1.1 (assets/fonts/OFL.txt, written by this script).
The cut fonts are renamed ("… GB2312") so that a full Noto CJK installed on the machine is never
confused with them: the PDF writer asks for the subset by name and reaches system fonts only for
characters outside it.

Usage (Debian):

    apt-get install -y fonts-noto-cjk
    python3 -m pip install fonttools
    python3 scripts/subset-fonts.py            # writes assets/fonts/
    python3 scripts/subset-fonts.py --test-font   # writes tests/data/fonts/rare-hanzi.otf

The test font holds one character outside GB 2312, 䶮 (U+4DAE), cut from Noto Sans CJK SC
Regular: the tests give it with `--font-path` to prove that such characters are found there.

The output is reproducible: the same source fonts give the same bytes.
"""

import argparse
import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCE = pathlib.Path("/usr/share/fonts/opentype/noto")
COPYRIGHT_FILE = pathlib.Path("/usr/share/doc/fonts-noto-cjk/copyright")

# (collection, family inside it, style, output file, new family name)
FONTS = [
    ("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "Regular",
     "NotoSerifCJKsc-Regular-GB2312.otf", "Noto Serif CJK SC GB2312"),
    ("NotoSansCJK-Bold.ttc", "Noto Sans CJK SC", "Bold",
     "NotoSansCJKsc-Bold-GB2312.otf", "Noto Sans CJK SC GB2312"),
]

# Ranges kept besides GB 2312 itself.
RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1: ¥ × ÷ ° § ·
    (0x2010, 0x2027),  # dashes, quotes, ellipsis, middle dot
    (0x2030, 0x203B),  # per mille, primes, reference mark
    (0x2160, 0x216B),  # Roman numerals Ⅰ–Ⅻ
    (0x2460, 0x2473),  # circled numbers ①–⑳
    (0x25A0, 0x25A1),  # ■ □ (tick boxes)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF01, 0xFF5E),  # full-width forms
    (0xFFE0, 0xFFE5),  # full-width ￠ ￡ ￥
]

RESERVED = (
    "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.\n"
)


def gb2312():
    """Every character of GB 2312, decoded from its two-byte codes."""
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return chars


def unicodes():
    chars = gb2312()
    for lo, hi in RANGES:
        chars.update(range(lo, hi + 1))
    return sorted(chars)


def find_face(collection, family):
    for font in collection.fonts:
        if font["name"].getDebugName(1) == family:
            return font
    sys.exit(f"no face `{family}` in the collection")


def rename(font, family, style):
    """Gives the cut font its own family name, in the name table and in the CFF table."""
    postscript = family.replace(" ", "") + "-" + style
    full = family if style == "Regular" else f"{family} {style}"
    names = {1: family, 3: postscript, 4: full, 6: postscript, 16: family}
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names:
            table.setName(names[record.nameID], record.nameID, record.platformID,
                          record.platEncID, record.langID)
        elif record.nameID == 17:
            table.setName(style, 17, record.platformID, record.platEncID, record.langID)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        top.FullName = full
        top.FamilyName = family


def cut(source, family, unicodes, new_family, style, target):
    """Cuts one face of a collection down to `unicodes` and renames it; returns its notice."""
    collection = TTCollection(str(source))
    font = find_face(collection, family)
    notice = (f"{new_family} ({style}), cut from {family} {style} "
              f"({font['name'].getDebugName(5)}):\n{font['name'].getDebugName(0)}\n")
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    # PDF viewers and printers rasterise CJK outlines without the CFF stem hints; dropping
    # them makes the two fonts 17% smaller.
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    rename(font, new_family, style)
    font.recalcTimestamp = False
    font.save(str(target))
    covered = len(font.getBestCmap())
    print(f"{target}: {target.stat().st_size:,} bytes, {covered:,} characters")
    return notice


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=pathlib.Path, default=SOURCE,
                        help="folder with Debian's Noto CJK collections")
    parser.add_argument("--out", type=pathlib.Path,
                        default=pathlib.Path(__file__).resolve().parent.parent / "assets" / "fonts")
    parser.add_argument("--test-font", action="store_true",
                        help="write only the one-character font of the tests")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    if args.test_font:
        target = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data" / "fonts"
        target.mkdir(parents=True, exist_ok=True)
        cut(args.source / "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", [0x4DAE],
            "svcspec Test Rare Hanzi", "Regular", target / "rare-hanzi.otf")
        return

    wanted = unicodes()
    notices = [
        cut(args.source / collection, family, wanted, new_family, style, args.out / out_name)
        for collection, family, style, out_name, new_family in FONTS
    ]

    licence = COPYRIGHT_FILE.read_text(encoding="utf-8")
    # The licence text is the paragraph that starts "License: SIL-1.1" on its own.
    start = licence.index("\n\nLicense: SIL-1.1\n") + 2
    body = licence[start:].split("\n\nLicense:", 1)[0].splitlines()[1:]
    text = "\n".join("" if line.strip() == "." else line[1:] for line in body)
    (args.out / "OFL.txt").write_text(
        "The fonts in this folder are subsets of Noto Serif CJK SC and Noto Sans CJK SC\n"
        "(https://github.com/notofonts/noto-cjk), as packaged by Debian in fonts-noto-cjk,\n"
        "cut by scripts/subset-fonts.py to GB 2312, CJK punctuation, ASCII and Latin-1, and\n"
        "renamed (\"... GB2312\") so that they are never mistaken for the full fonts. They are\n"
        "Modified Versions under the SIL Open Font License 1.1 below, and stay under it.\n\n"
        + "\n".join(notices) + "\n" + RESERVED + "\n" + text.strip() + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
