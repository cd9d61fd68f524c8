/**
 * The printed work order (工程維修單, rule 2): one A4 page a technician takes on site — where and
 * what, who answers for it, the appointment, what engineering recorded, materials, the paid-service
 * quote, the latest history and a few photos — with boxes for the technician's and the resident's
 * signatures. Laid out with the record-sheet pieces (pdf/record-sheet.ts), so however long the
 * description or the history, it stays one page and says what it shortened. Words in the reader's
 * language (the request's), times in the estate's zone.
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { money } from '#lib/money/index.ts';
import { dateTime, timeWindow, zoneName } from '#lib/time/index.ts';
import { channelName, eventDetail, eventName, quoteStateName, stateName } from '#lib/repair-labels.ts';
import { localizedName } from '../dictionaries/localized-name.ts';
import { repairKindName } from '../dictionaries/repair-kinds.ts';
import { openRecordSheet, sheetHeights, type SheetFact, type SheetImage } from '../pdf/record-sheet.ts';
import type { repairDetail } from './queries.ts';

export type RepairDetail = Awaited<ReturnType<typeof repairDetail>>;

export interface WorkOrderInput {
	detail: RepairDetail;
	teamName: string | null;
	/** Small photos (shrunk by the caller), before-photos first. */
	photos: SheetImage[];
	locale: Locale;
	printedAt: Date;
}

/** Lines and rows each piece gets at most, and at least on a full page (what the pieces before it leave for it). */
const DESCRIPTION_LINES = 10;
const SUMMARY_LINES = { max: 4, least: 2 };
const MATERIAL_ROWS = { max: 5, least: 2 };
const QUOTE_ROWS = { max: 5, least: 2 };
const HISTORY_ROWS_LEAST = 4;
const PHOTO_HEIGHT = 70;

export async function renderWorkOrder(input: WorkOrderInput): Promise<Uint8Array> {
	const { detail, locale } = input;
	const { order, summary, timeZone: tz } = detail;
	const at = (value: Date | null | undefined) => (value ? dateTime(value, tz) : '—');
	const sheet = await openRecordSheet({
		locale,
		info: {
			Title: `${m.print_work_order_title()} ${order.reference}`,
			Author: m.receipts_company(),
			Subject: m.print_work_order_title({}, { locale: 'en' }),
			CreationDate: input.printedAt
		},
		signatures: [
			{ label: m.print_signature_technician(), dateLabel: m.print_signature_date() },
			{
				label: m.print_signature_resident(),
				dateLabel: m.print_signature_date(),
				signed: order.signedOffAt ? m.print_signed_in_app({ name: order.signedOffName ?? '', time: at(order.signedOffAt) }) : undefined
			}
		],
		footer: {
			left: m.print_printed_at({ time: at(input.printedAt), zone: zoneName(tz) }),
			right: `${order.reference} · ${summary.estateName}`
		}
	});
	sheet.titleBlock({
		organisation: m.receipts_company(),
		title: m.print_work_order_title(),
		reference: order.reference,
		lines: [stateName(order.state)]
	});

	const location =
		order.location === 'common_area'
			? order.locationDetail
				? m.repairs_staff_common_area_at({ where: order.locationDetail })
				: m.repairs_staff_common_area()
			: order.locationDetail
				? m.repairs_staff_in_unit_at({ where: order.locationDetail })
				: m.repairs_staff_in_unit();
	// After a missed visit, how the new time stands: not confirmed yet, confirmed, or chosen by the resident.
	const agreed = { proposed: m.visits_not_confirmed, confirmed: m.visits_print_confirmed, chosen: m.visits_print_chosen };
	const appointment = detail.booking
		? [timeWindow(detail.booking.startsAt, detail.booking.endsAt, tz), detail.visit ? agreed[detail.visit.state]() : '']
				.filter(Boolean)
				.join(' · ')
		: order.callToArrange
			? m.repairs_staff_call_to_arrange()
			: m.repairs_staff_none();
	// Four to a row: where, what and when; who to call; who answers for it; what engineering recorded.
	const facts: SheetFact[] = [
		{ label: m.repairs_staff_estate(), value: summary.estateName },
		{ label: m.repairs_staff_unit(), value: m.print_unit_place({ building: summary.buildingName, unit: summary.unitNumber }) },
		{ label: m.print_location(), value: location, span: 2 },
		{ label: m.repairs_staff_kind(), value: repairKindName(detail.kind, locale) },
		{ label: m.repairs_staff_channel(), value: channelName(order.channel) },
		{ label: m.repairs_staff_received(), value: at(order.createdAt) },
		{ label: m.repairs_staff_appointment(), value: appointment },
		{ label: m.repairs_staff_contact_name(), value: order.contactName },
		{ label: m.print_contact_phone(), value: order.contactPhone },
		{ label: m.repairs_staff_owner(), value: summary.ownerName ?? m.repairs_staff_nobody() },
		{ label: m.repairs_staff_promised_reply(), value: at(order.promisedReplyBy) },
		{
			label: m.print_team_technician(),
			value: [input.teamName, summary.technicianName ?? m.repairs_staff_nobody()].filter(Boolean).join(' · ')
		},
		{ label: m.repairs_staff_technician_received(), value: at(order.technicianReceivedAt) },
		{ label: m.repairs_staff_on_site_at(), value: at(order.onSiteAt) },
		{ label: m.repairs_staff_work_done_at(), value: at(order.workDoneAt) },
		{ label: m.repairs_staff_enter_when_absent_short(), value: order.enterWhenAbsent ? m.repairs_staff_yes() : m.repairs_staff_no() },
		{ label: m.repairs_staff_access_notes(), value: order.accessNotes || '—', span: 3 }
	];
	sheet.facts(facts, { columns: 4, valueLines: 2 });

	// On a full page each piece leaves room for the least of every piece after it; the history,
	// last, takes whatever is left. Photos are the first to go.
	const open = order.state !== 'done' && order.state !== 'cancelled';
	const quote = detail.quotes.findLast((q) => q.state === 'accepted') ?? detail.quotes.at(-1);
	const showMaterials = detail.materials.length > 0 || open;
	const leaveForHistory = sheetHeights.table(HISTORY_ROWS_LEAST, { cut: true });
	const leaveForQuote = leaveForHistory + (quote ? sheetHeights.table(QUOTE_ROWS.least, { cut: true }) : 0);
	const leaveForMaterials = leaveForQuote + (showMaterials ? sheetHeights.table(MATERIAL_ROWS.least, { cut: true }) : 0);
	const leaveForSummary = leaveForMaterials + sheetHeights.text(SUMMARY_LINES.least, { cut: true });

	const cutNote = m.print_text_cut();
	sheet.text(m.repairs_staff_description(), order.description, { maxLines: DESCRIPTION_LINES, cutNote, leave: leaveForSummary });
	// Not done yet: ruled lines for the technician to write on.
	sheet.text(m.repairs_staff_work_summary(), order.workSummary, {
		maxLines: SUMMARY_LINES.max,
		cutNote,
		blankLines: 3,
		leave: leaveForMaterials
	});

	const omittedNote = (count: number) => m.print_rows_more({ count });
	if (showMaterials) {
		sheet.table(
			m.repairs_staff_materials(),
			[
				{ label: m.repairs_staff_material_name(), share: 4 },
				{ label: m.repairs_staff_quantity(), share: 1.2 },
				{ label: m.repairs_staff_material_source(), share: 2 },
				{ label: m.repairs_staff_material_accepted(), share: 2 },
				{ label: m.repairs_staff_note(), share: 3.5 }
			],
			detail.materials.map((material) => [
				material.name,
				material.quantity,
				material.source === 'resident' ? m.repairs_staff_material_from_resident() : m.repairs_staff_material_from_estate(),
				material.accepted === true
					? m.repairs_staff_material_accepted_yes()
					: material.accepted === false
						? m.repairs_staff_material_accepted_no()
						: '',
				material.note
			]),
			{ omittedNote, maxRows: MATERIAL_ROWS.max, blankRows: 2, leave: leaveForQuote }
		);
	}

	// The quote the resident accepted, else the latest one, whatever became of it.
	if (quote) {
		sheet.table(
			m.print_quote_title({ state: quoteStateName(quote.state) }),
			[
				{ label: m.print_quote_item(), share: 6 },
				{ label: m.repairs_staff_quantity(), share: 1.2 },
				{ label: m.print_quote_amount(), share: 2, align: 'right' }
			],
			[
				...quote.lines.map((line) => [
					localizedName(line, locale),
					String(line.quantity),
					money(line.unitPriceMinor * line.quantity, quote.currency)
				]),
				[
					`${m.repairs_staff_quote_total()} · ${m.print_quote_minutes({ minutes: quote.workMinutes })}`,
					'',
					money(quote.totalMinor, quote.currency)
				]
			],
			{ omittedNote, maxRows: QUOTE_ROWS.max, leave: leaveForHistory }
		);
	}

	sheet.images(m.repairs_staff_photos(), input.photos, { height: PHOTO_HEIGHT, perRow: 5, leave: leaveForHistory });

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
			entry.from && entry.to && entry.from !== entry.to ? `${eventName(entry.kind)} (${stateName(entry.to)})` : eventName(entry.kind),
			entry.actorName ?? m.repairs_staff_system(),
			[eventDetail(entry, tz), entry.kind === 'escalated' ? '' : entry.note].filter(Boolean).join(' · ')
		]),
		{ omittedNote: (count) => m.print_events_earlier({ count }), keep: 'last' }
	);
	return sheet.finish();
}
