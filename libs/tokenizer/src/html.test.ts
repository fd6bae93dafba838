import { describe, expect, it } from 'vitest';
import { ftfyUnescapeHtml, htmlUnescape } from './html';

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

describe("ftfyUnescapeHtml (ftfy's unescape_html)", () => {
  it('decodes only complete references, with upper-case aliases', () => {
    expect(ftfyUnescapeHtml('&amp;amp; &amp &EACUTE; &NTILDE; &SZLIG; &#x41; &#65 &#xZZ; &bogus;')).toBe(
      '&amp; &amp \u00c9 \u00d1 SS A &#65 &#xZZ; &bogus;',
    );
  });
});
