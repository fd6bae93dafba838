import { describe, expect, it } from 'vitest';
import { fixEncoding, fixText } from './ftfy';

describe('fixText (ftfy-lite)', () => {
  it('uncurls quotes, including ʼ', () => {
    expect(fixText('it\u2019s a \u201cquoted\u201d word \u2018x\u201b \u201e \u02bc')).toBe(
      "it's a \"quoted\" word 'x' \" '",
    );
  });

  it('maps fullwidth and halfwidth forms and the ideographic space', () => {
    expect(fixText('\uff21\uff22\uff23\uff01\u3000\uff11\uff12')).toBe('ABC! 12');
    expect(fixText('\uff76\uff9e')).toBe('\u30ac'); // halfwidth katakana ka + voiced mark → ガ after NFC
  });

  it('splits Latin ligatures', () => {
    expect(fixText('\ufb01ne \ufb02o\ufb03ce \u0133 \u01c6 \ufb06')).toBe('fine floffice ij d\u017e st');
    expect(fixText('\u0149')).toBe("'n"); // ŉ → ʼn → 'n
  });

  it('treats C1 controls as Windows-1252 and removes other control characters', () => {
    expect(fixText('a\u0085b a\u001cb a\ufeffb')).toBe('a\u2026b ab ab');
    expect(fixText('\u0092x\u0080')).toBe("'x\u20ac");
    expect(fixText('\u0000a\u0007\u000bb\u007f\u206ac\ufffb')).toBe('abc');
    expect(fixText('keep\ttab\nand\fff')).toBe('keep\ttab\nand\fff');
  });

  it('normalizes line breaks and removes terminal escapes', () => {
    expect(fixText('a\r\nb\rc\u2028d\u2029e')).toBe('a\nb\nc\nd\ne');
    expect(fixText('\u001b[36;44mblue\u001b[0m')).toBe('blue');
  });

  it('replaces lone surrogates and keeps pairs', () => {
    expect(fixText('a\ud800b\udc00c \ud83d\ude00')).toBe('a\ufffdb\ufffdc \ud83d\ude00');
  });

  it('NFC-normalizes', () => {
    expect(fixText('cafe\u0301')).toBe('caf\u00e9');
  });

  it('unescapes complete HTML entities unless the text may be HTML', () => {
    expect(fixText('Tom &amp;amp; Jerry &lt;3 &EACUTE; &#x2019;s')).toBe("Tom & Jerry <3 \u00c9 's");
    expect(fixText('&amp no semicolon')).toBe('&amp no semicolon');
    expect(fixText('<b>&amp;</b>')).toBe('<b>&amp;</b>');
    // Once a line has '<', later lines keep their entities too.
    expect(fixText('&amp;\n<p>\n&amp;')).toBe('&\n<p>\n&amp;');
  });
});

describe('mojibake repair', () => {
  it.each([
    ['caf\u00c3\u00a9', 'caf\u00e9'],
    ['sch\u00c3\u00b6n', 'sch\u00f6n'],
    ['na\u00c3\u00afve', 'na\u00efve'],
    ['This \u00e2\u20ac\u201d should be an em dash', 'This \u2014 should be an em dash'],
    ['This \u00e2\u0080\u0094 should be an em dash', 'This \u2014 should be an em dash'],
    ['\u00e7\u0152\u00ab', '\u732b'],
    [
      '\u00d0\u00bf\u00d1\u20ac\u00d0\u00b8\u00d0\u00b2\u00d0\u00b5\u00d1\u201a',
      '\u043f\u0440\u0438\u0432\u0435\u0442',
    ],
    ['\u00f0\u0178\u02dc\u20ac smile', '\ud83d\ude00 smile'],
    ['\u00c3\u0192\u00c2\u00a9', '\u00e9'], // encoded twice
  ])('%j → %j', (broken, fixed) => {
    expect(fixEncoding(broken)).toBe(fixed);
  });

  it('uncurls repaired quotes in the same pass', () => {
    expect(fixText('\u00e2\u20ac\u0153quoted\u00e2\u20ac\u009d')).toBe('"quoted"');
  });

  it('repairs broken runs inside otherwise correct text', () => {
    expect(fixEncoding('\u00fcber caf\u00c3\u00a9')).toBe('\u00fcber caf\u00e9');
  });

  it('leaves real accented text alone', () => {
    for (const text of [
      'na\u00efve caf\u00e9 r\u00e9sum\u00e9',
      'not such a fan of Charlotte Bront\u00eb\u2026\u201d',
      'S\u00c3O PAULO',
      'CAF\u00c9\u00bb',
      '\u732b\u306e\u5199\u771f',
    ]) {
      expect(fixEncoding(text)).toBe(text);
    }
  });
});
