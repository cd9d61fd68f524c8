/** A segment's members as a table for the XLSX/CSV export (reports/export.ts), in the reader's language. */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { minorToDecimal } from '#lib/money/index.ts';
import type { Actor } from '../auth/actor.ts';
import { db } from '../db/client.ts';
import { localizedName } from '../dictionaries/localized-name.ts';
import { feeSettings } from '../fees/settings.ts';
import type { ReportTable } from '../reports/export.ts';
import { loadSegment, segmentMembers } from './segments.ts';

/** Every member of the segment in the actor's estates today, one row each (same permission and scope as the page). */
export async function segmentExport(
	actor: Actor | null,
	segmentId: string,
	locale: Locale,
	now = new Date()
): Promise<{ name: string; table: ReportTable }> {
	const segment = await loadSegment(actor, segmentId);
	const [{ members }, { currency }] = await Promise.all([
		segmentMembers(db(), segment.filter, now, { within: actor!.estateIds }),
		feeSettings(db())
	]);
	return {
		name: segment.name,
		table: {
			title: segment.name.slice(0, 31),
			columns: [
				m.segment_col_name({}, { locale }),
				m.segment_col_type({}, { locale }),
				m.segment_col_grade({}, { locale }),
				m.segment_col_units({}, { locale }),
				m.segment_col_area({}, { locale }),
				m.segment_col_overdue({ currency }, { locale })
			],
			rows: members.map((r) => [
				r.name,
				r.type ? localizedName(r.type, locale) : '',
				r.grade ?? '',
				r.units,
				Number(r.areaM2),
				Number(minorToDecimal(r.overdueMinor, currency))
			])
		}
	};
}
