import { m } from '#lib/paraglide/messages.js';
import { isLocale } from '#lib/paraglide/runtime.js';
import { money } from '#lib/money/index.ts';
import { eventLabel as renovationEventLabel, stateLabel as renovationStateLabel } from '#lib/renovation-labels.ts';
import { listText } from '#lib/list-text.ts';
import type { ArchiveKind } from '#lib/server/archive/kinds.ts';
import type { DeliveryChannel } from '#lib/server/archive/correspondence.ts';
import type { AccessEventKind, AccessState } from '#lib/server/archive/access-machine.ts';
import type { ReadLogRow, ReadLogScope, ReadWhat } from '#lib/server/archive/read-log.ts';
import type { Cell, ReportTable } from '#lib/server/reports/export.ts';
import { numericDateTime } from '#lib/time/index.ts';

// The unit's file (一戶一檔) in the reader's language: every archive kind is named here, and the
// compiler refuses a kind (archive/kinds.ts) without its name.
const archiveKindLabels: Record<ArchiveKind, () => string> = {
	move_in: m.archive_kind_move_in,
	move_out: m.archive_kind_move_out,
	document: m.archive_kind_document,
	key: m.archive_kind_key,
	meter_reading: m.archive_kind_meter_reading,
	renovation: m.archive_kind_renovation,
	letter: m.archive_kind_letter,
	notice: m.archive_kind_notice,
	bill: m.archive_kind_bill,
	payment: m.archive_kind_payment,
	deposit: m.archive_kind_deposit,
	refund: m.archive_kind_refund,
	violation: m.archive_kind_violation,
	arrears: m.archive_kind_arrears,
	repair: m.archive_kind_repair,
	complaint: m.archive_kind_complaint,
	callback: m.archive_kind_callback,
	contact: m.archive_kind_contact,
	household: m.archive_kind_household,
	service_application: m.archive_kind_service_application,
	goods_release: m.archive_kind_goods_release,
	visit: m.visit_archive_kind,
	correction: m.archive_kind_correction
};

/** A kind's name; a code from a newer or older version reads as itself. */
export function archiveKindLabel(kind: string): string {
	return Object.hasOwn(archiveKindLabels, kind) ? archiveKindLabels[kind as ArchiveKind]() : kind;
}

export const accessStateLabels: Record<AccessState, () => string> = {
	requested: m.archive_state_requested,
	approved: m.archive_state_approved,
	refused: m.archive_state_refused,
	expired: m.archive_state_expired
};

export const accessEventLabels: Record<AccessEventKind, () => string> = {
	request: m.archive_event_request,
	approve: m.archive_event_approve,
	refuse: m.archive_event_refuse,
	expire: m.archive_event_expire
};

export const readWhatLabels: Record<ReadWhat, () => string> = {
	file: m.archive_what_file,
	entry: m.archive_what_entry,
	pdf: m.archive_what_pdf
};

const channelLabels: Record<DeliveryChannel, () => string> = {
	inbox: m.archive_channel_inbox,
	email: m.archive_channel_email,
	sms: m.archive_channel_sms,
	paper: m.archive_channel_paper
};

/** A letter's or notice's delivery (archive/correspondence.ts): to whom, by which channels. */
function deliveryText(delivery: unknown, locale?: string): string {
	if (!Array.isArray(delivery)) return '';
	const lines: string[] = [];
	for (const d of delivery as { name?: unknown; channels?: unknown }[]) {
		const channels = (Array.isArray(d?.channels) ? d.channels : [])
			.filter((c): c is DeliveryChannel => typeof c === 'string' && Object.hasOwn(channelLabels, c))
			.map((c) => channelLabels[c]());
		if (typeof d?.name === 'string' && channels.length)
			lines.push(m.archive_delivered({ name: d.name, channels: listText(channels, locale && isLocale(locale) ? locale : undefined) }));
	}
	return lines.join('; ');
}

/** What an entry's summary says, in words: its name and relation, amount, how late, a correction's reason and text, a letter's delivery. */
export function entryDetails(summary: Record<string, unknown>, locale?: string): string {
	const parts: string[] = [];
	// A renovation's step (submitted, permit issued, violation…), named as on its timeline.
	if (typeof summary.step === 'string' && Object.hasOwn(renovationEventLabel, summary.step))
		parts.push(renovationEventLabel[summary.step as keyof typeof renovationEventLabel]());
	// A renovation notice: the step the application reached.
	if (typeof summary.renovationState === 'string' && Object.hasOwn(renovationStateLabel, summary.renovationState))
		parts.push(renovationStateLabel[summary.renovationState as keyof typeof renovationStateLabel]());
	if (typeof summary.name === 'string' && summary.name)
		parts.push(typeof summary.relation === 'string' && summary.relation ? `${summary.name} (${summary.relation})` : summary.name);
	if (typeof summary.title === 'string' && summary.title) parts.push(summary.title);
	if (typeof summary.amountMinor === 'number')
		parts.push(money(summary.amountMinor, typeof summary.currency === 'string' ? summary.currency : 'CNY', locale));
	if (typeof summary.daysOverdue === 'number') parts.push(m.archive_days_overdue({ days: summary.daysOverdue }));
	if (summary.ended === true) parts.push(m.archive_ended());
	if (typeof summary.corrected === 'string' && summary.corrected) {
		parts.push(m.archive_correct_wrong({ reason: typeof summary.reason === 'string' ? summary.reason : '' }));
		parts.push(m.archive_correct_reads({ text: summary.corrected }));
	} else if (typeof summary.reason === 'string' && summary.reason) parts.push(summary.reason);
	const delivered = deliveryText(summary.delivery, locale);
	if (delivered) parts.push(delivered);
	return parts.join(' · ');
}

/** The read log as one table for its export: the page's columns, in words. */
export function readLogTable(rows: readonly ReadLogRow[], { truncated }: { truncated: boolean }): ReportTable {
	const body: Cell[][] = rows.map((row) => [
		numericDateTime(row.at, row.timeZone),
		row.readerName,
		readWhatLabels[row.what](),
		row.unitLabel,
		row.estateName,
		row.reason,
		row.byGrant ? m.archive_reads_by_grant() : m.archive_reads_by_role()
	]);
	if (truncated) body.push([m.archive_truncated({ count: rows.length })]);
	return {
		title: m.archive_reads_title(),
		columns: [
			m.archive_reads_time(),
			m.archive_reads_reader(),
			m.archive_reads_what(),
			m.archive_reads_unit(),
			m.archive_reads_estate(),
			m.archive_reads_reason(),
			m.archive_reads_by()
		],
		rows: body
	};
}

/** file-reads-HVG-2026-11-01-2026-11-30.xlsx: the estate's code (or all-estates) and the dates, ASCII only. */
export function readLogFileName(scope: Pick<ReadLogScope, 'estates' | 'filters'>, extension: 'csv' | 'xlsx'): string {
	const { estate, from, to } = scope.filters;
	const code = estate ? (scope.estates.find((e) => e.id === estate)?.code ?? 'estate') : 'all-estates';
	const safe = code.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'estate';
	return `file-reads-${[safe, from, to].filter(Boolean).join('-')}.${extension}`;
}
