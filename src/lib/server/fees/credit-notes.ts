/**
 * Corrections and credit notes as the bill's readers reach them (corrections.ts writes them).
 *
 * A resident sees the applied corrections of its party's bills (fees/parties.ts, like the bills
 * themselves): a voided bill with the reason in the office's words and the bill that replaced it,
 * a credit note with its number and PDF, a line corrected. A write-off shows as such, without the
 * office's reason (bad debt is the office's own judgement); what is waiting or was refused is the
 * office's business and is not shown. Finance staff (fees.read) reach the credit notes of their
 * estates. Everyone else gets 404.
 */
import { error } from '@sveltejs/kit';
import { sql, type SQL } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { money } from '#lib/money/index.ts';
import { billReference, creditNoteReference } from '#lib/references.ts';
import { businessDate, businessToday, dateTime, zoneName } from '#lib/time/index.ts';
import { type Actor } from '../auth/actor.ts';
import { can, canSeeEstate, requireResident, requireSignedIn } from '../auth/guards.ts';
import { db, queryRows, type Executor } from '../db/client.ts';
import type { CorrectedLine } from '../db/schema/index.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { openRecordSheet } from '../pdf/record-sheet.ts';
import type { CorrectionKind } from '#lib/schemas/corrections.ts';
import { creditNoteHref } from './corrections.ts';
import { billInAccounts, residentAccounts, type Party } from './parties.ts';

type BillSource = 'billing_run' | 'paid_service' | 'deposit' | 'renovation' | 'manual';
interface Names {
	nameEn: string;
	nameZhHans: string;
	nameZhHant: string;
}

export interface ResidentCorrection {
	id: string;
	kind: CorrectionKind;
	unitId: string;
	/** The business day it took effect, in the unit's estate. */
	on: string;
	amountMinor: number;
	currency: string;
	/** A line raised: the difference is a new bill (issuedBill) rather than a credit. */
	raise: boolean;
	/** Why, in the office's words; null for a write-off (the office's own record). */
	reason: string | null;
	/** The bill corrected. */
	bill: { id: string; seq: number; source: BillSource; period: string | null; firstLine: Names };
	line: (Names & { beforeMinor: number; afterMinor: number }) | null;
	creditNote: { id: string; number: string; href: string } | null;
	/** The bill issued by the correction: the corrected bill after a void, or a line's increase. */
	issuedBill: { id: string; seq: number } | null;
}

const RESIDENT_CORRECTIONS = 20;

/**
 * The applied corrections of the actor's party's bills, newest first: of some units (the bills
 * page), or those about one bill — corrections of it, and the one that issued it (its bill page).
 */
export async function myBillCorrections(
	actor: Actor,
	scope: { unitIds: readonly string[] } | { billId: string },
	executor: Executor = db()
): Promise<ResidentCorrection[]> {
	requireResident(actor);
	const accounts = await residentAccounts(executor, actor);
	if (accounts.length === 0) return [];
	let where: SQL;
	if ('billId' in scope) {
		if (!isUuid(scope.billId)) return [];
		where = sql`(c.bill_id = ${scope.billId}::uuid or c.issued_bill_id = ${scope.billId}::uuid)`;
	} else {
		const ids = scope.unitIds.filter(isUuid);
		if (ids.length === 0) return [];
		where = sql`c.unit_id in (${sql.join(
			ids.map((id) => sql`${id}::uuid`),
			sql`, `
		)})`;
	}
	// One statement of two joined tables: the rest are subqueries of one row each (the bill's first
	// line, the credit note, the bill issued), and the estate's zone comes with the accounts.
	const rows = await queryRows<{
		id: string;
		kind: CorrectionKind;
		unit_id: string;
		amount_minor: number | string;
		currency: string;
		reason: string;
		line: CorrectedLine | null;
		applied_at: string | Date;
		bill_id: string;
		bill_seq: number | string;
		source: BillSource;
		period: string | null;
		first_line: { name_en: string; name_zh_hans: string; name_zh_hant: string } | null;
		credit_note: { id: string; seq: number } | null;
		issued_bill_id: string | null;
		issued_seq: number | string | null;
	}>(
		executor,
		sql`select c.id, c.kind, c.unit_id, c.amount_minor, c.currency, c.reason, c.line, c.applied_at,
				b.id as bill_id, b.seq as bill_seq, b.source, b.period, c.issued_bill_id,
				(select json_build_object('name_en', l.name_en, 'name_zh_hans', l.name_zh_hans, 'name_zh_hant', l.name_zh_hant)
					from bill_lines l where l.bill_id = b.id order by l.sort, l.id limit 1) as first_line,
				(select json_build_object('id', cn.id, 'seq', cn.seq) from credit_notes cn where cn.correction_id = c.id) as credit_note,
				(select ib.seq from bills ib where ib.id = c.issued_bill_id) as issued_seq
			from bill_corrections c
			join bills b on b.id = c.bill_id
			where c.state in ('applied', 'reissued') and ${where} and ${billInAccounts(accounts)}
			order by c.applied_at desc, c.seq desc
			limit ${RESIDENT_CORRECTIONS}`
	);
	const zones = new Map(accounts.map((a) => [a.unitId, a.timeZone]));
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		unitId: r.unit_id,
		on: businessToday({ timeZone: zones.get(r.unit_id)! }, new Date(r.applied_at)),
		amountMinor: Number(r.amount_minor),
		currency: r.currency,
		raise: !!r.line && r.line.afterMinor > r.line.beforeMinor,
		reason: r.kind === 'write_off' ? null : r.reason,
		bill: {
			id: r.bill_id,
			seq: Number(r.bill_seq),
			source: r.source,
			period: r.period,
			firstLine: {
				nameEn: r.first_line?.name_en ?? '',
				nameZhHans: r.first_line?.name_zh_hans ?? '',
				nameZhHant: r.first_line?.name_zh_hant ?? ''
			}
		},
		line: r.line
			? {
					nameEn: r.line.nameEn,
					nameZhHans: r.line.nameZhHans,
					nameZhHant: r.line.nameZhHant,
					beforeMinor: r.line.beforeMinor,
					afterMinor: r.line.afterMinor
				}
			: null,
		creditNote: r.credit_note
			? { id: r.credit_note.id, number: creditNoteReference(Number(r.credit_note.seq)), href: creditNoteHref(r.credit_note.id) }
			: null,
		issuedBill: r.issued_bill_id && r.issued_seq !== null ? { id: r.issued_bill_id, seq: Number(r.issued_seq) } : null
	}));
}

interface CreditNoteRow {
	id: string;
	seq: number | string;
	estate_id: string;
	amount_minor: number | string;
	currency: string;
	issued_on: string;
	reason: string;
	lines: (Names & { amountMinor: number })[];
	created_at: string | Date;
	party: Party;
	bill_seq: number | string;
	bill_issued_on: string;
	estate_name: string;
	time_zone: string;
	building_name: string;
	unit_number: string;
}

/** One credit note the actor may read: a resident of the bill's party, or finance staff of its estate; else 404. */
async function readableCreditNote(actor: Actor, creditNoteId: string, executor: Executor): Promise<CreditNoteRow> {
	requireSignedIn(actor);
	if (!isUuid(creditNoteId)) error(404, 'Not found');
	let visible: SQL;
	if (actor.kind === 'staff') {
		if (!can(actor, 'fees.read')) error(404, 'Not found');
		visible = sql`true`;
	} else if (actor.kind === 'resident') {
		visible = billInAccounts(await residentAccounts(executor, actor));
	} else {
		error(404, 'Not found');
	}
	const [row] = await queryRows<CreditNoteRow>(
		executor,
		sql`select cn.id, cn.seq, cn.estate_id, cn.amount_minor, cn.currency, cn.issued_on::text as issued_on, cn.reason, cn.lines,
				cn.created_at, cn.party, b.seq as bill_seq, b.issued_on::text as bill_issued_on, e.name as estate_name, e.time_zone,
				bd.name as building_name, u.number as unit_number
			from credit_notes cn
			join bills b on b.id = cn.bill_id
			join units u on u.id = cn.unit_id
			join buildings bd on bd.id = u.building_id
			join estates e on e.id = cn.estate_id
			where cn.id = ${creditNoteId}::uuid and ${visible}`
	);
	if (!row || (actor.kind === 'staff' && !canSeeEstate(actor, row.estate_id))) error(404, 'Not found');
	return row;
}

const lineName = (names: Names, locale: Locale) =>
	(locale === 'zh-Hans' ? names.nameZhHans : locale === 'zh-Hant' ? names.nameZhHant : names.nameEn) || names.nameEn;

/**
 * The credit note as a one-page A4 PDF in the reader's language (pdf/record-sheet.ts): who and
 * which bill, the reason, the lines and the total credited. Drawn on each request; printing
 * records nothing.
 */
export async function creditNotePdf(
	actor: Actor | null | undefined,
	creditNoteId: string,
	options: { locale: Locale; now?: Date; executor?: Executor }
): Promise<{ filename: string; pdf: Uint8Array }> {
	requireSignedIn(actor);
	const executor = options.executor ?? db();
	const note = await readableCreditNote(actor, creditNoteId, executor);
	const { locale } = options;
	const now = options.now ?? new Date();
	const number = creditNoteReference(Number(note.seq));
	const bill = billReference(Number(note.bill_seq));
	const amount = (minor: number) => money(minor, note.currency, locale);
	const sheet = await openRecordSheet({
		locale,
		info: {
			Title: `${m.corrections_pdf_title({}, { locale })} ${number}`,
			Author: m.receipts_company({}, { locale }),
			Subject: `${m.corrections_pdf_title({}, { locale: 'en' })} ${number}`,
			CreationDate: new Date(note.created_at)
		},
		signatures: [],
		footer: {
			left: m.print_printed_at({ time: dateTime(now, note.time_zone, locale), zone: zoneName(note.time_zone, locale) }, { locale }),
			right: `${number} · ${note.estate_name}`
		}
	});
	sheet.titleBlock({
		organisation: m.receipts_company({}, { locale }),
		title: m.corrections_pdf_title({}, { locale }),
		reference: number,
		lines: [m.corrections_pdf_against({ bill }, { locale })]
	});
	sheet.facts(
		[
			{ label: m.corrections_pdf_issued_on({}, { locale }), value: businessDateIn(note.issued_on, locale) },
			{ label: m.corrections_pdf_estate({}, { locale }), value: note.estate_name },
			{
				label: m.corrections_pdf_unit({}, { locale }),
				value: m.print_unit_place({ building: note.building_name, unit: note.unit_number }, { locale })
			},
			{
				label: m.corrections_pdf_party({}, { locale }),
				value: note.party === 'owner' ? m.feesstaff_party_owner({}, { locale }) : m.feesstaff_party_renter({}, { locale })
			},
			{ label: m.corrections_pdf_bill({}, { locale }), value: `${bill} · ${businessDateIn(note.bill_issued_on, locale)}`, span: 2 },
			{ label: m.corrections_pdf_total({}, { locale }), value: `−${amount(Number(note.amount_minor))}`, span: 2 }
		],
		{ columns: 4, valueLines: 2 }
	);
	sheet.text(m.corrections_pdf_reason({}, { locale }), note.reason, {
		maxLines: 8,
		cutNote: m.corrections_pdf_cut({}, { locale }),
		leave: 120
	});
	sheet.table(
		m.corrections_pdf_lines({}, { locale }),
		[
			{ label: m.corrections_pdf_item({}, { locale }), share: 4 },
			{ label: m.corrections_pdf_amount({}, { locale }), share: 1.4, align: 'right' }
		],
		[
			...note.lines.map((line) => [lineName(line, locale), `−${amount(line.amountMinor)}`]),
			[m.corrections_pdf_total({}, { locale }), `−${amount(Number(note.amount_minor))}`]
		],
		{ omittedNote: (count) => m.corrections_pdf_rows_more({ count }, { locale }), leave: 40 }
	);
	sheet.text(m.corrections_pdf_effect_title({}, { locale }), m.corrections_pdf_effect({ bill }, { locale }), { maxLines: 3, cutNote: '' });
	return { filename: `credit-note-${number}.pdf`, pdf: await sheet.finish() };
}

const businessDateIn = (date: string, locale: Locale) => businessDate(date, locale);
