import { describe, expect, it } from 'vitest';
import { formText } from './form-text.ts';

describe('formText', () => {
	it('reads a text field, and a missing field or a file as empty', () => {
		const data = new FormData();
		data.set('id', 'abc');
		data.set('file', new Blob(['x']), 'x.txt');
		expect(formText(data, 'id')).toBe('abc');
		expect(formText(data, 'missing')).toBe('');
		expect(formText(data, 'file')).toBe('');
	});
});
