import { describe, expect, it } from 'vitest';
import { ftfyUnescapeHtml, htmlUnescape } from './html';
import fixture from './html-unescape.vectors.json';

/** Compares reference by reference (the fixture's inputs are space-separated), so a failure names one. */
function expectSameReferences(input: string, got: string, expected: string): void {
  if (got === expected) return;
  const pieces = input.split(' ');
  const gotPieces = got.split(' ');
  const expectedPieces = expected.split(' ');
  const i = expectedPieces.findIndex((e, k) => gotPieces[k] !== e);
  expect({ input: pieces[i], got: gotPieces[i] }).toEqual({ input: pieces[i], got: expectedPieces[i] });
  expect(got).toBe(expected);
}

describe("htmlUnescape (Python's html.unescape)", () => {
  // Expected values are Python 3.11's html.unescape output.
  it.each([
    ['&amp;amp;', '&amp;'],
    ['Tom &amp;amp; Jerry &lt;3', 'Tom &amp; Jerry <3'],
    ['&eacute &eacutex &eacute; &Eacute; &EACUTE;', '\u00e9 \u00e9x \u00e9 \u00c9 &EACUTE;'],
    ['&#65;&#x41;&#X41;&#0065;&#65', 'AAAAA'],
    ['&#0; &#13; &#128; &#129; &#150; &#159;', '\ufffd \r \u20ac \u0081 \u2013 \u0178'],
    ['&#1; &#11; &#x7f; &#xfdd0; &#xfffe; &#x10ffff; &#x1fffe;', '      '],
    ['&#xd800; &#x110000; &#99999999999999999999;', '\ufffd \ufffd \ufffd'],
    ['&ampx; &amp &AMP &AMPx; &notit; &notin; &not', '&x; & & &x; \u00acit; \u2209 \u00ac'],
    ['&lang; &rang; &apos; &nbsp;x &copy2024', "\u27e8 \u27e9 ' \u00a0x \u00a92024"],
    [
      '& &; &#; &#x; &#xZZ; &abcdefghijklmnopqrstuvwxyzabcdefghijkl;',
      '& &; &#; &#x; &#xZZ; &abcdefghijklmnopqrstuvwxyzabcdefghijkl;',
    ],
    ['a&b&&c', 'a&b&&c'],
    ['&#x1F600; &#128512;', '\ud83d\ude00 \ud83d\ude00'],
    ['&quot&quot;&QUOT;&QUOTx', '""""x'],
    ['&hellip; &mdash; &rarr; &euro;', '\u2026 \u2014 \u2192 \u20ac'],
  ])('%j', (input, expected) => {
    expect(htmlUnescape(input)).toBe(expected);
  });
});

// Expected values: CPython (see the fixture's `command`), every HTML5 name as written, without ";" and upper-cased.
describe(`htmlUnescape: ${fixture.vectors.length} vectors from CPython ${fixture.python}`, () => {
  it('decodes the whole HTML5 table (as written, without ";", upper-cased) and numeric references', () => {
    expect(fixture.vectors.length).toBeGreaterThan(60);
    for (const [input, expected] of fixture.vectors as [string, string][]) {
      expectSameReferences(input, htmlUnescape(input), expected);
    }
  });
});

describe("ftfyUnescapeHtml (ftfy's unescape_html)", () => {
  it('decodes only complete references, with upper-case aliases', () => {
    expect(ftfyUnescapeHtml('&amp;amp; &amp &EACUTE; &NTILDE; &SZLIG; &#x41; &#65 &#xZZ; &bogus;')).toBe(
      '&amp; &amp \u00c9 \u00d1 SS A &#65 &#xZZ; &bogus;',
    );
  });

  it('knows every HTML5 name; no alias where the upper-cased form already means something', () => {
    // ftfy's table: each HTML5 name ending in ';', plus `&NAME;` for a lower-case `name;` when
    // html.unescape leaves `&NAME;` as it is (`&GTCC;` starts with the legacy `&GT`, so it has no alias).
    expect(
      ftfyUnescapeHtml('&bigstar; &BIGSTAR; &NotEqualTilde; &fjlig; &FJLIG; &nbsp &Afr; &GTCC; &gtcc;'),
    ).toBe('\u2605 \u2605 \u2242\u0338 fj FJ &nbsp \ud835\udd04 &GTCC; \u2aa7');
    expect(ftfyUnescapeHtml('&NewLine;&Tab;&ThickSpace;')).toBe('\n\t\u205f\u200a');
  });
});
