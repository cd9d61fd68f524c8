/**
 * The printed complaint record (投訴記錄, rule 4): one A4 page for the file — who complained about
 * what, who owns it, the department and deadline, the manager's fix, the result signed by its
 * resolver, the callback and the complainant's satisfaction, and the latest history — with boxes
 * for the resolver's and the complainant's signatures. Laid out with the record-sheet pieces, so
 * it stays one page however long the complaint, and says what it shortened.
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { dateTime, zoneName } from '#lib/time/index.ts';
import { channelLabel, complaintEventLabel, complaintStateLabel, departmentName } from '#lib/complaint-labels.ts';
import { localizedName } from '../dictionaries/localized-name.ts';
import { openRecordSheet, sheetHeights, type SheetImage } from '../pdf/record-sheet.ts';
import type { complaintDetail } from './queries.ts';

export type ComplaintDetail = Awaited<ReturnType<typeof complaintDetail>>;

const CONTENT_LINES = 10;
const TEXT_LINES = { max: 5, least: 2 };
const HISTORY_ROWS_LEAST = 4;

export async function renderComplaintRecord(input: {
	detail: ComplaintDetail;
	photos: SheetImage[];
	locale: Locale;
	printedAt: Date;
}): Promise<Uint8Array> {
	const { detail, locale } = input;
	const { complaint: c, summary, timeZone: tz } = detail;
	const at = (value: Date | null | undefined) => (value ? dateTime(value, tz) : '—');
	const yes = (value: boolean | null) => (value === null ? '—' : value ? m.complaints_ui_satisfied_yes() : m.complaints_ui_satisfied_no());
	const sheet = await openRecordSheet({
		locale,
		info: {
			Title: `${m.print_complaint_title()} ${summary.reference}`,
			Author: m.receipts_company(),
			Subject: m.print_complaint_title({}, { locale: 'en' }),
			CreationDate: input.printedAt
		},
		signatures: [
			{
				label: m.print_signature_resolver(),
				dateLabel: m.print_signature_date(),
				signed: c.resolvedAt ? m.print_signed_in_app({ name: c.resolverSignedName ?? '', time: at(c.resolvedAt) }) : undefined
			},
			{
				label: m.print_signature_complainant(),
				dateLabel: m.print_signature_date(),
				signed: c.callbackSignedName ? m.print_signed_in_app({ name: c.callbackSignedName, time: at(c.callbackAt) }) : undefined
			}
		],
		footer: {
			left: m.print_printed_at({ time: at(input.printedAt), zone: zoneName(tz) }),
			right: `${summary.reference} · ${summary.estateName}`
		}
	});
	sheet.titleBlock({
		organisation: m.receipts_company(),
		title: m.print_complaint_title(),
		reference: summary.reference,
		lines: [
			[
				complaintStateLabel[c.state](),
				c.severity === 'serious' ? m.complaints_severity_serious() : '',
				c.malicious ? m.complaints_malicious() : ''
			]
				.filter(Boolean)
				.join(' · ')
		]
	});
	sheet.facts(
		[
			{ label: m.complaints_field_estate(), value: summary.estateName },
			{
				label: m.complaints_ui_unit(),
				value: summary.buildingName ? m.print_unit_place({ building: summary.buildingName, unit: summary.unitNumber ?? '' }) : '—'
			},
			{ label: m.complaints_ui_where(), value: c.locationDetail || '—', span: 2 },
			{ label: m.complaints_field_kind(), value: localizedName(summary.kind, locale) },
			{ label: m.complaints_ui_channel(), value: channelLabel[c.channel]() },
			{ label: m.complaints_field_filed(), value: at(c.createdAt) },
			{ label: m.complaints_ui_owner(), value: summary.ownerName ?? m.complaints_ui_nobody() },
			{ label: m.complaints_ui_complainant(), value: [c.complainantName, c.companyName].filter(Boolean).join(' · ') },
			{ label: m.complaints_ui_contact(), value: [c.phone, c.email].filter(Boolean).join(' · ') || '—', span: 2 },
			{ label: m.complaints_ui_promised(), value: at(c.promisedReplyBy) },
			{ label: m.complaints_field_department(), value: c.department ? departmentName(c.department) : m.complaints_department_none() },
			{ label: m.complaints_ui_responsible(), value: detail.responsibleName ?? '—' },
			{ label: m.complaints_ui_due_at(), value: at(c.departmentDueAt) },
			{ label: m.complaints_ui_satisfaction_title(), value: yes(c.satisfied) },
			{
				label: m.complaints_field_callback(),
				value: c.callbackAt
					? [
							at(c.callbackAt),
							c.callbackMode === 'in_person' ? m.complaints_callback_in_person() : m.complaints_callback_phone(),
							yes(c.callbackSatisfied)
						].join(' · ')
					: '—',
				span: 3
			}
		],
		{ columns: 4, valueLines: 2 }
	);
	const cutNote = m.print_complaint_cut();
	const leaveForHistory = sheetHeights.table(HISTORY_ROWS_LEAST, { cut: true });
	const leaveForResult = leaveForHistory + sheetHeights.text(TEXT_LINES.least, { cut: true });
	const leaveForFix = leaveForResult + (c.fixPlan ? sheetHeights.text(TEXT_LINES.least, { cut: true }) : 0);
	sheet.text(m.complaints_ui_content(), c.content, { maxLines: CONTENT_LINES, cutNote, leave: leaveForFix });
	if (c.fixPlan) sheet.text(m.complaints_ui_fix_plan(), c.fixPlan, { maxLines: TEXT_LINES.max, cutNote, leave: leaveForResult });
	sheet.text(c.outsideParty ? `${m.complaints_ui_result()} (${m.complaints_ui_outside_party()})` : m.complaints_ui_result(), c.resolution, {
		maxLines: TEXT_LINES.max,
		cutNote,
		blankLines: 3,
		leave: leaveForHistory
	});
	sheet.images(m.complaints_ui_photos(), input.photos, { height: 64, perRow: 5, leave: leaveForHistory });
	sheet.table(
		m.print_events(),
		[
			{ label: m.print_event_when(), share: 2.6 },
			{ label: m.print_event_what(), share: 3 },
			{ label: m.print_event_by(), share: 2.2 },
			{ label: m.print_event_details(), share: 5 }
		],
		detail.timeline.map((entry) => [
			at(entry.at),
			complaintEventLabel[entry.kind](),
			entry.actorName ?? m.complaints_ui_office(),
			entry.note
		]),
		{ omittedNote: (count) => m.print_events_earlier_complaint({ count }), keep: 'last' }
	);
	return sheet.finish();
}
