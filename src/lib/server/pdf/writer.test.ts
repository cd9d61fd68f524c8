import { describe, expect, it } from 'vitest';
import { openDocument } from './writer.ts';

const info = { Title: 't', Author: 'a', Subject: 's', CreationDate: new Date('2026-12-06T00:00:00Z') };

describe('the PDF writer', () => {
	it('draws the narrow no-break space Intl puts between a date and a time as a plain space, not a missing-glyph box', async () => {
		const { doc, w } = await openDocument({ size: 'A4', locale: 'zh-Hant', box: { left: 40, right: 555 }, info });
		doc.addPage();
		// What Intl writes for zh-Hant: "2026年12月6日 上午9:30" with U+202F before the time.
		const intl = new Intl.DateTimeFormat('zh-Hant', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Hong_Kong' }).format(
			new Date('2026-12-06T01:30:00Z')
		);
		const style = { size: 10 };
		expect(w.width(intl, style)).toBeCloseTo(w.width(intl.replace(/\s/gu, ' '), style), 5);
		expect(w.width('9\u202f30', style)).toBeCloseTo(w.width('9 30', style), 5);
		doc.end();
	});
});
