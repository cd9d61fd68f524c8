/**
 * The printed index of one occupancy's part of the unit's file (一戶一檔): who held the unit and
 * when, whether the part is bound, and its entries newest first — date, kind, the record's
 * reference and what it says — on one A4 sheet laid out with the record-sheet pieces (CJK fonts),
 * saying how many earlier entries did not fit. The words for kinds and details come from the
 * caller (components/archive-labels.ts), in the reader's language.
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { businessDate, dateTime, numericDateTime, zoneName } from '#lib/time/index.ts';
import { openRecordSheet } from '../pdf/record-sheet.ts';
import type { UnitHeader } from '../property/units.ts';
import type { SubjectRef } from '../staff-admin/audit-subjects.ts';
import { textOf, type ArchiveEntryView, type FilePart } from './read.ts';

export interface IndexWords {
	kind: (kind: string) => string;
	details: (summary: Record<string, unknown>) => string;
}

export async function renderFileIndex(input: {
	unit: UnitHeader;
	part: FilePart;
	sources: ReadonlyMap<number, SubjectRef>;
	words: IndexWords;
	locale: Locale;
	printedAt: Date;
}): Promise<Uint8Array> {
	const { unit, part, words, locale } = input;
	const tz = unit.timeZone;
	const unitName = `${unit.buildingName} ${unit.number}`;
	const day = (value: string | null) => (value ? businessDate(value, locale) : '—');
	const state = part.bound ? m.archive_part_bound() : part.current ? m.archive_part_current() : m.archive_part_upcoming();
	const sheet = await openRecordSheet({
		locale,
		info: {
			Title: `${m.archive_pdf_title()} ${unitName}`,
			Author: m.receipts_company(),
			Subject: m.archive_pdf_title({}, { locale: 'en' }),
			CreationDate: input.printedAt
		},
		signatures: [{ label: m.archive_pdf_signature(), dateLabel: m.print_signature_date() }],
		footer: {
			left: m.print_printed_at({ time: dateTime(input.printedAt, tz), zone: zoneName(tz) }),
			right: `${unitName} · ${unit.estateName}`
		}
	});
	sheet.titleBlock({
		organisation: m.receipts_company(),
		title: `${m.archive_title()} · ${m.archive_pdf_title()}`,
		reference: unitName,
		lines: [[part.name, state].filter(Boolean).join(' · ')]
	});
	sheet.facts(
		[
			{ label: m.archive_pdf_unit(), value: `${unit.estateName} · ${unitName}` },
			{ label: m.archive_pdf_occupant(), value: part.name || m.archive_unit_papers() },
			{
				label: m.archive_pdf_period(),
				value: part.startsOn ? m.archive_part_dates({ from: day(part.startsOn), to: day(part.endsOn) }) : '—'
			},
			{ label: m.archive_pdf_state(), value: `${state} · ${m.archive_entry_count({ count: part.entries.length })}` }
		],
		{ columns: 2 }
	);
	const row = (entry: ArchiveEntryView, index: number) => {
		const source = input.sources.get(entry.id);
		const corrects = entry.correctsId ? m.archive_corrects({ id: String(entry.correctsId) }) : '';
		return [
			String(part.entries.length - index),
			numericDateTime(entry.at, tz),
			words.kind(entry.kind),
			source?.reference || textOf(entry.summary.reference),
			[corrects, words.details(entry.summary)].filter(Boolean).join(' · ')
		];
	};
	sheet.table(
		m.archive_pdf_entries(),
		[
			{ label: m.archive_pdf_col_no(), share: 0.7, align: 'right' },
			{ label: m.archive_pdf_col_date(), share: 2.4 },
			{ label: m.archive_pdf_col_kind(), share: 2.4 },
			{ label: m.archive_pdf_col_reference(), share: 2.4 },
			{ label: m.archive_pdf_col_summary(), share: 5 }
		],
		part.entries.map(row),
		{ omittedNote: (count) => m.archive_pdf_more({ count }), keep: 'first' }
	);
	return sheet.finish();
}
