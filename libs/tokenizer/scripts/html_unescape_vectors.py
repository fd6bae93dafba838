"""Maintainer check: expected values of Python's html.unescape for the tokenizer's tests.

Run from the repository root (the second step is the repository's JSON formatting):
    /usr/bin/python3 libs/tokenizer/scripts/html_unescape_vectors.py > libs/tokenizer/src/html-unescape.vectors.json
    npx prettier --write libs/tokenizer/src/html-unescape.vectors.json

The named references come from Python's copy of the WHATWG HTML5 table (html.entities.html5, 2231 names,
106 of them also valid without ';'); every name is tried as written, without its ';' and upper-cased.
"""
import html
import html.entities
import json
import sys
from itertools import groupby

CHOSEN = [
    # HTML5-only names (not in HTML 4.01), several mapping to two code points or beyond the BMP.
    "&NewLine;&Tab;x",
    "&NotEqualTilde; &nGt; &bne; &fjlig; &ThickSpace; &lates;",
    "&bigstar; &Afr; &Zopf; &CounterClockwiseContourIntegral; &DoubleLongLeftRightArrow;",
    "&lang; &rang; &apos; &zwnj;&zwj; &nbsp;x &nbspx &NotNestedGreaterGreater;",
    # Case, prefixes and the longest name valid without ';'.
    "&Amp; &aMp; &AMP &amp &ampfoo &ampé; &LTx &GTx; &copysr; &copysx &copyx; &Tabx; &NewLinex;",
    "&notinva; &notinvx; &notin &not; &notx &nott; &pounds &micro. &frac12x &frac1; &sup1x &sup",
    "&eacute &eacutex &Eacute; &EACUTE; &iexclx &iquest? &yumlz &szligs &thornx",
    "&&amp;; &amp&lt &amp;amp; &#38;amp; a&b&&c & &; &x; &a1;",
    "&" + "a" * 40 + "; &" + "amp" + "x" * 40 + ";",
    # Numeric references: Python's invalid-charref table, invalid code points, surrogates, range.
    "&#0; &#x0; &#13; &#9; &#10; &#x7F; &#x7f; &#127;",
    " ".join(f"&#{n};" for n in range(0x80, 0xA0)),
    " ".join(f"&#x{n:x}" for n in range(0x80, 0xA0)),
    "&#1; &#8; &#11; &#12; &#14; &#31; &#32;",
    "&#xD800; &#xDFFF; &#55296; &#xDBFF;&#xDC00; &#x110000; &#1114112; &#x10FFFF; &#x10FFFD;",
    "&#xFFFE; &#xFFFF; &#x1FFFE; &#xFDD0; &#xFDEF; &#xFDF0; &#xFFFD;",
    "&#x0000000041; &#00000065; &#65x &#x41g &#X41; &#x; &#; &#xZZ; &#-1;",
    "&#x" + "f" * 100 + "; &#" + "9" * 100 + "; &#" + "0" * 100 + "65;",
    "&#x1F600; &#128512; &#x1f600",
]


def all_names():
    names = sorted(html.entities.html5)
    for first, group in groupby(names, key=lambda n: n[0]):
        variants = []
        for name in group:
            variants.append("&" + name)
            if name.endswith(";"):
                variants.append("&" + name[:-1])
            variants.append("&" + name.upper())
        yield " ".join(variants)


inputs = CHOSEN + list(all_names())
json.dump(
    {
        "about": "html.unescape(input) in CPython; inputs built by this command from html.entities.html5",
        "command": "/usr/bin/python3 libs/tokenizer/scripts/html_unescape_vectors.py "
        "> libs/tokenizer/src/html-unescape.vectors.json "
        "&& npx prettier --write libs/tokenizer/src/html-unescape.vectors.json",
        "python": sys.version.split()[0],
        "vectors": [[s, html.unescape(s)] for s in inputs],
    },
    sys.stdout,
    ensure_ascii=True,
    indent=1,
)
sys.stdout.write("\n")
