import { describe, expect, it } from 'vitest';
import { forbiddenCharacter, isAcceptableText, textInputProblem } from './text-input.js';

const char = (codePoint: number) => String.fromCharCode(codePoint);

describe('text input rule', () => {
  it('refuses every C0 control character but tab, line feed and carriage return, and DEL', () => {
    for (let codePoint = 0; codePoint <= 0x7f; codePoint += 1) {
      const allowed = codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d || (codePoint >= 0x20 && codePoint < 0x7f);
      expect(isAcceptableText(`Travaux${char(codePoint)}de voirie`), `U+${codePoint.toString(16)}`).toBe(allowed);
    }
  });

  it('refuses the bidirectional embedding, override and isolate controls, and keeps the plain direction marks', () => {
    for (const codePoint of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(forbiddenCharacter(`abc${char(codePoint)}def`)).toMatchObject({ index: 3, kind: 'bidi' });
    }
    expect(isAcceptableText('Société \u200fالعربية\u200e SARL')).toBe(true);
  });

  it('refuses lone surrogates and the non-characters U+FFFE and U+FFFF, and keeps characters outside the BMP', () => {
    expect(forbiddenCharacter('a\ud800b')).toMatchObject({ index: 1, codePoint: 'U+D800', kind: 'not-a-character' });
    expect(forbiddenCharacter('a\udc00')).toMatchObject({ index: 1, codePoint: 'U+DC00' });
    expect(forbiddenCharacter('\ud800')).toMatchObject({ index: 0 });
    expect(forbiddenCharacter('x\uffff')).toMatchObject({ codePoint: 'U+FFFF' });
    expect(forbiddenCharacter('x\ufffe')).toMatchObject({ codePoint: 'U+FFFE' });
    expect(isAcceptableText('Café 🌳 𝔸')).toBe(true);
  });

  it('keeps French text with every accent, ligature, typographic space and punctuation it uses', () => {
    expect(isAcceptableText('Œuvre d’ÉTÉ — « marché » à 15\u202f000\u00a0€ ; ligne 1\r\nligne 2\tfin')).toBe(true);
    expect(isAcceptableText('')).toBe(true);
  });

  it('names the first forbidden character and its position, in French', () => {
    expect(forbiddenCharacter('ab\u0000c\u0007')).toEqual({ index: 2, codePoint: 'U+0000', kind: 'control' });
    expect(textInputProblem('Titre\u001b[31m')).toBe('contient un caractère de contrôle (U+001B) en position 6, interdit dans un texte');
    expect(textInputProblem('Titre')).toBeNull();
  });
});
