/**
 * The staff board as a workbook (XLSX, reports/export.ts): one sheet per group — waiting for my
 * department, overdue, in works, the other open ones, recently finished — labelled in the reader's
 * language, times in each estate's zone.
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { renovationReference } from '#lib/references.ts';
import { holderLabel, stateLabel } from '#lib/renovation-labels.ts';
import { businessDate, dateTime } from '#lib/time/index.ts';
import { listText } from '#lib/list-text.ts';
import type { Actor } from '../auth/actor.ts';
import { reportXlsx, type ReportTable } from '../reports/export.ts';
import { stepHolders } from './machine.ts';
import { renovationBoard } from './review-queries.ts';

export async function renovationBoardTables(actor: Actor, locale: Locale): Promise<ReportTable[]> {
	const board = await renovationBoard(actor);
	const columns = [
		m.renovations_board_reference({}, { locale }),
		m.renovations_board_unit({}, { locale }),
		m.renovations_board_state({}, { locale }),
		m.renovations_board_waiting({}, { locale }),
		m.renovations_board_submitted({}, { locale }),
		m.renovations_board_due({}, { locale }),
		m.renovations_board_revision({}, { locale })
	];
	const table = (title: string, rows: typeof board.mine): ReportTable => ({
		title,
		columns,
		rows: rows.map((r) => [
			renovationReference(r.seq),
			`${r.buildingName} ${r.unitNumber}`,
			stateLabel[r.state]({}, { locale }),
			listText(
				stepHolders[r.state].map((h) => holderLabel[h]({}, { locale })),
				locale
			),
			r.submittedAt ? dateTime(r.submittedAt, r.timeZone, locale) : null,
			r.due ? `${businessDate(r.due.day, locale)}${r.due.overdue ? ` · ${m.renovations_board_overdue_mark({}, { locale })}` : ''}` : null,
			r.drawingRevision
		])
	});
	return [
		table(m.renovations_board_mine({}, { locale }), board.mine),
		table(m.renovations_board_overdue({}, { locale }), board.overdue),
		table(m.renovations_board_in_works({}, { locale }), board.inWorks),
		table(m.renovations_board_others({}, { locale }), board.others),
		table(m.renovations_board_finished({}, { locale }), board.finished)
	];
}

export async function renovationBoardXlsx(actor: Actor, locale: Locale): Promise<Uint8Array> {
	return reportXlsx(await renovationBoardTables(actor, locale), { title: m.renovations_board_title({}, { locale }) });
}
