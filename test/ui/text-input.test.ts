import {describe, expect, it} from 'vitest';
import {editText, splitInput} from '../../source/ui/text-input.js';

describe('text input', () => {
  it('splits a chunk of typed keys into text and the keys inside it', () => {
    expect(splitInput('ab\rj', {})).toEqual([['a', {}], ['b', {}], ['', {return: true}], ['j', {}]]);
    expect(splitInput('x\u007f\tY', {})).toEqual([['x', {}], ['', {backspace: true}], ['', {tab: true}], ['Y', {shift: true}]]);
    expect(splitInput('q', {})).toEqual([['q', {}]]);
    expect(splitInput('', {return: true})).toEqual([['', {return: true}]]);
  });

  it('edits a field: printable text appended, control characters of a paste dropped', () => {
    expect(editText('ab', 'c', {})).toBe('abc');
    expect(editText('ab', '', {backspace: true})).toBe('a');
    expect(editText('ab', 'x\u001b[31my', {})).toBe('abx[31my');
    expect(editText('ab', '', {return: true})).toBeUndefined();
  });
});
