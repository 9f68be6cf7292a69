import { describe, expect, it } from 'vitest';
import { foldName } from './foldName.js';

describe('foldName', () => {
  it.each([
    ['Recep Tayyip Erdoğan', 'recep tayyip erdogan'],
    ['Aleksandar Vučić', 'aleksandar vucic'],
    ['François Hollande', 'francois hollande'],
    ['Straße Ørsted Łódź', 'strasse orsted lodz'],
    ['ＡＢＣ', 'abc'],
    ['Владимир Путин', 'vladimir putin'],
    ['Сергей Викторович Лавров', 'sergey viktorovich lavrov'],
    ['Володимир Зеленський', "volodimir zelens'kiy"],
    ['Қасым-Жомарт Тоқаев', 'qasym-zhomart toqaev'],
    ['Κυριάκος Μητσοτάκης', 'kyriakos mitsotakis'],
    ['ბარაკ ობამა', "barak' obama"],
    ['ทักษิณ ชินวัตร', 'thaksin chinwatr'],
    ['Αλέξης Τσίπρας', 'alexis tsipras'],
  ])('%s → %s (any-ascii)', (input, text) => {
    expect(foldName(input)).toEqual({ text, abjad: false });
  });

  it('reads a lone Han or Hangul run as family name + given name, and keeps the characters', () => {
    expect(foldName('习近平')).toEqual({
      text: 'xi jinping',
      abjad: false,
      syllabic: [
        ['xi', '习'],
        ['jinping', '近平'],
      ],
    });
    expect(foldName('김정은').text).toBe('gim jeongeun');
    expect(foldName('近平 习')).toEqual({
      text: 'jinping xi',
      abjad: false,
      syllabic: [
        ['jinping', '近平'],
        ['xi', '习'],
      ],
    });
  });

  it('marks Hebrew as an abjad too', () => {
    expect(foldName('דוד')).toEqual({ text: 'dvd', abjad: true });
  });

  it('romanizes Arabic script consonantally and says so', () => {
    expect(foldName('محمد بن سلمان')).toEqual({ text: 'mhmd bn slman', abjad: true });
  });
});
