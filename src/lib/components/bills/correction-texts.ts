// The wording of the resident's bill corrections (BillCorrections.svelte), rendered by the bills
// pages' loads in the reader's language. Import this from +page.server.ts files only, so that the
// messages of all three languages stay out of the browser bundle (the bills page is near its budget).
import { m } from '#lib/paraglide/messages.js';
import { money } from '#lib/money/index.ts';
import { billReference } from '#lib/references.ts';
import type { ResidentCorrection } from '#lib/server/fees/credit-notes.ts';
import { billTitle, day, localName } from './labels.ts';

export interface CorrectionText {
	title: string;
	/** Which bill, and the day it took effect. */
	meta: string;
	/** A line corrected: from what to what. */
	line: string;
	/** Why, in the office's words (a write-off: that nothing more is due). */
	why: string;
	creditNote: string;
	/** The link to the bill it issued: the replacement after a void, or a line's difference. */
	issued: string;
	/** −120.00 taken off, or +19.00 charged on a new bill. */
	amount: string;
}

function textOf(item: ResidentCorrection): CorrectionText {
	const bill = billReference(item.bill.seq);
	const title = item.creditNote
		? m.corrections_resident_credit_note({ number: item.creditNote.number })
		: item.kind === 'void'
			? m.corrections_resident_voided({ bill })
			: item.kind === 'write_off'
				? m.corrections_resident_written_off({ bill })
				: m.corrections_resident_raised({ bill });
	const against =
		item.creditNote || item.kind === 'void'
			? `${m.corrections_resident_against({ bill, what: billTitle({ ...item.bill, lineCount: 1 }) })} · `
			: '';
	const issued = item.issuedBill ? billReference(item.issuedBill.seq) : '';
	return {
		title,
		meta: `${against}${day(item.on)}`,
		line: item.line
			? m.corrections_resident_line({
					name: localName(item.line),
					before: money(item.line.beforeMinor, item.currency),
					after: money(item.line.afterMinor, item.currency)
				})
			: '',
		why:
			item.kind === 'write_off'
				? m.corrections_resident_written_off_note()
				: item.reason
					? m.corrections_resident_reason({ reason: item.reason })
					: '',
		creditNote: item.creditNote ? m.corrections_credit_note_pdf({ number: item.creditNote.number }) : '',
		issued: !issued
			? ''
			: item.kind === 'void'
				? m.corrections_resident_replaced_by({ bill: issued })
				: m.corrections_resident_charged_on({ bill: issued }),
		amount: `${item.raise ? '+' : '−'}${money(item.amountMinor, item.currency)}`
	};
}

/** The corrections with their wording, and the section's heading. */
export function correctionTexts(items: readonly ResidentCorrection[]) {
	return {
		heading: m.corrections_resident_title(),
		items: items.map((item) => ({
			id: item.id,
			unitId: item.unitId,
			kind: item.kind,
			raise: item.raise,
			creditNoteHref: item.creditNote?.href ?? null,
			issuedBillId: item.issuedBill?.id ?? null,
			billId: item.bill.id,
			reason: item.reason,
			text: textOf(item)
		}))
	};
}
export type CorrectionTexts = ReturnType<typeof correctionTexts>;
export type CorrectionItem = CorrectionTexts['items'][number];
