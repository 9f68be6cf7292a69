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
    ['Володимир Зеленський', 'volodimir zelenskiy'],
    ['Қасым-Жомарт Тоқаев', 'qasym-zhomart toqaev'],
    ['Κυριάκος Μητσοτάκης', 'kyriakos mitsotakis'],
    ['ბარაკ ობამა', 'barak obama'],
    ['习近平', '习近平'],
  ])('%s → %s', (input, text) => {
    expect(foldName(input)).toEqual({ text, abjad: false });
  });

  it('romanizes Arabic script consonantally and says so', () => {
    expect(foldName('محمد بن سلمان')).toEqual({ text: 'mhmd bn slman', abjad: true });
  });
});
