import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { db } from '../db/client.ts';
import { building, estate, occupy, residentUser, staffActor, unitsIn } from '../property/testing/fixtures.ts';
import { archiveKindLabel, entryDetails } from '#lib/components/archive-labels.ts';
import { fileInArchive } from './file.ts';
import { openFilePart } from './open.ts';
import { renderFileIndex } from './index-pdf.ts';

describe('the printed index of an occupancy', () => {
	it('prints a bound occupancy with its entries newest first on one A4 page', async () => {
		const e = await estate();
		const b = await building(e.id, 'A', '1座');
		const [unit] = await unitsIn(b, 1);
		const former = await residentUser('陳大文');
		const past = await occupy(unit!.id, { userId: former.id }, 'owner', '2020-01-01', '2023-12-31');
		const entries: [Parameters<typeof fileInArchive>[1]['kind'], Record<string, unknown>][] = [
			['household', { name: '陳小明', relation: '兒子' }],
			['bill', { reference: 'B000042', amountMinor: 123450, currency: 'CNY' }],
			['repair', { reference: 'R000012' }],
			['arrears', { reference: 'B000042', daysOverdue: 15, amountMinor: 123450 }],
			['household', { name: '陳小明', relation: '兒子', ended: true }]
		];
		for (const [kind, summary] of entries)
			await fileInArchive(db(), {
				unitId: unit!.id,
				occupancyId: past.id,
				kind,
				sourceType: kind === 'household' ? 'household_member' : kind === 'arrears' ? 'bill' : kind,
				sourceId: crypto.randomUUID(),
				summary,
				actor: null
			});
		const desk = await staffActor(['customer_service'], [e.id]);
		const { unit: header, part, sources } = await openFilePart(desk, unit!.id, past.id, { reason: 'Deposit dispute', locale: 'zh-Hant' });
		const pdf = await renderFileIndex({
			unit: header,
			part,
			sources,
			words: { kind: archiveKindLabel, details: (summary) => entryDetails(summary, 'zh-Hant') },
			locale: 'zh-Hant',
			printedAt: new Date('2026-12-04T10:00:00Z')
		});
		expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
		if (process.env.ARCHIVE_PDF_OUT) await writeFile(process.env.ARCHIVE_PDF_OUT, pdf);
	});
});
