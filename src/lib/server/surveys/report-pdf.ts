/**
 * The survey's printable report (rule 7: the general manager approves it on the record): the
 * response rates, the satisfaction index overall and by area against the target and last year,
 * the NPS, the choices people made, the corrective actions and the approval — A4, in the reader's
 * language, drawn with the shared PDF writer (pdf/writer.ts).
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { localText } from '#lib/surveys/definition.ts';
import type { SurveyResults } from './results.ts';
import { BRAND, BRAND_SOFT, SOFT, openDocument, type Writer } from '../pdf/writer.ts';

export interface ReportAction {
	area: string;
	title: string;
	owner: string;
	estate: string;
	due: string;
	state: string;
	evidence: string;
}

export interface ReportData {
	results: SurveyResults;
	locale: Locale;
	/** Texts already in the reader's language and zone: the period, the reading time, the approval line. */
	period: string;
	readAt: string;
	approval: string;
	actions: ReportAction[];
	areaLabel(key: string): string;
}

const WIDTH = 595.28;
const HEIGHT = 841.89;
const MARGIN = 48;
const RIGHT = WIDTH - MARGIN;
const BOTTOM = HEIGHT - 56;

const fixed = (value: number | null, digits = 0) => (value === null ? '—' : value.toFixed(digits));
const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)} %`);
const signed = (value: number | null) => (value === null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(1)}`);

export async function renderReport(data: ReportData): Promise<Uint8Array> {
	const { results, locale } = data;
	const text = (t: Parameters<typeof localText>[0]) => localText(t, locale);
	const title = text(results.survey.title);
	const { doc, w, done } = await openDocument({
		size: 'A4',
		locale,
		box: { left: MARGIN, right: RIGHT },
		info: {
			Title: `${results.survey.reference} ${title}`,
			Author: m.receipts_company({}, { locale: 'en' }),
			Subject: m.survey_report_title({}, { locale: 'en' }),
			CreationDate: new Date()
		}
	});
	let y = 0;
	const newPage = () => {
		doc.addPage({ size: 'A4', margin: 0 });
		y = MARGIN;
	};
	const room = (needed: number) => {
		if (y + needed > BOTTOM) newPage();
	};
	const heading = (label: string) => {
		room(60);
		y += 14;
		w.draw(label, MARGIN, y, { size: 13, bold: true, color: BRAND });
		y += 22;
		w.rule(y - 4);
	};
	/** A table: columns as fractions of the width; the first left, the others right-aligned. */
	const table = (columns: { label: string; width: number }[], rows: string[][], flags: boolean[] = []) => {
		const xs: number[] = [];
		let x = MARGIN;
		for (const c of columns) {
			xs.push(x);
			x += c.width * (RIGHT - MARGIN);
		}
		const row = (cells: string[], style: { bold?: boolean; color?: string }, flagged = false) => {
			const firstWidth = columns[0]!.width * (RIGHT - MARGIN) - 8;
			const lines = w.wrap(cells[0] ?? '', firstWidth, { size: 9.5, bold: style.bold });
			const height = Math.max(1, lines.length) * 13 + 4;
			room(height);
			if (flagged)
				doc
					.save()
					.rect(MARGIN - 4, y - 2, RIGHT - MARGIN + 8, height)
					.fill(BRAND_SOFT)
					.restore();
			lines.forEach((line, i) => w.draw(line, xs[0]!, y + i * 13, { size: 9.5, ...style }));
			cells.slice(1).forEach((cell, i) => {
				const right = (xs[i + 2] ?? RIGHT) - 6;
				w.draw(cell, right, y, { size: 9.5, align: 'right', ...style });
			});
			y += height;
		};
		row(
			columns.map((c) => c.label),
			{ bold: true, color: SOFT }
		);
		rows.forEach((cells, i) => row(cells, {}, flags[i] ?? false));
	};

	// The first page: the company, the report's title and the key figures.
	newPage();
	doc.rect(0, 0, WIDTH, 70).fill(BRAND);
	w.draw(m.receipts_company({}, { locale }), MARGIN, 18, { size: 15, bold: true, color: '#ffffff' });
	w.draw(m.survey_report_title({}, { locale }), MARGIN, 42, { size: 10, color: '#ffffff' });
	w.draw(results.survey.reference, RIGHT, 26, { size: 12, bold: true, color: '#ffffff', align: 'right' });
	y = 92;
	y = w.paragraph(title, MARGIN, y, RIGHT - MARGIN, { size: 18, bold: true, leading: 1.3 });
	y = w.paragraph(data.period, MARGIN, y + 2, RIGHT - MARGIN, { size: 10, color: SOFT });
	y = w.paragraph(data.readAt, MARGIN, y, RIGHT - MARGIN, { size: 10, color: SOFT });
	y = w.paragraph(data.approval, MARGIN, y + 6, RIGHT - MARGIN, { size: 10.5, bold: true });

	const set = results.results;
	const figures: [string, string][] = [
		[
			m.survey_report_responses({}, { locale }),
			`${results.rates.total.responses} / ${results.rates.total.recipients} (${percent(results.rates.total.rate)})`
		],
		[m.survey_report_index({}, { locale }), fixed(set.overall.index, 1)],
		[m.survey_report_target({}, { locale }), `${fixed(set.target.index, 0)} (${set.target.score} / 5)`],
		[m.survey_report_nps({}, { locale }), set.nps ? fixed(set.nps.score, 0) : '—']
	];
	if (results.comparison) {
		figures.push([
			m.survey_report_last_year({}, { locale }),
			`${fixed(results.comparison.index.previous, 1)} (${signed(results.comparison.index.change)})`
		]);
	}
	y += 12;
	const boxWidth = (RIGHT - MARGIN) / figures.length;
	figures.forEach(([label, value], i) => {
		const x = MARGIN + i * boxWidth;
		doc
			.save()
			.roundedRect(x + 2, y, boxWidth - 4, 58, 6)
			.fill(BRAND_SOFT)
			.restore();
		w.paragraph(label, x + 10, y + 8, boxWidth - 20, { size: 8.5, color: SOFT, leading: 1.2 });
		w.draw(value, x + 10, y + 36, { size: 12, bold: true });
	});
	y += 70;

	heading(m.survey_report_rates({}, { locale }));
	const rateRows = [
		...results.rates.estates.map((e) => [e.name, String(e.recipients), String(e.responses), percent(e.rate)]),
		...results.rates.buildings.map((b) => [
			`  ${results.estates.find((e) => e.id === b.estateId)?.name ?? ''} · ${b.name}`,
			String(b.recipients),
			String(b.responses),
			percent(b.rate)
		])
	];
	table(
		[
			{ label: m.survey_report_place({}, { locale }), width: 0.55 },
			{ label: m.survey_report_recipients({}, { locale }), width: 0.15 },
			{ label: m.survey_report_answered({}, { locale }), width: 0.15 },
			{ label: m.survey_report_rate({}, { locale }), width: 0.15 }
		],
		rateRows
	);

	heading(m.survey_report_areas({}, { locale }));
	const byArea = new Map(results.comparison?.areas.map((a) => [a.id, a]) ?? []);
	table(
		[
			{ label: m.survey_report_area({}, { locale }), width: 0.46 },
			{ label: m.survey_report_scores({}, { locale }), width: 0.1 },
			{ label: m.survey_report_mean({}, { locale }), width: 0.1 },
			{ label: m.survey_report_index_short({}, { locale }), width: 0.1 },
			{ label: m.survey_report_last_year_short({}, { locale }), width: 0.12 },
			{ label: m.survey_report_change({}, { locale }), width: 0.12 }
		],
		set.areas.map((a) => [
			`${data.areaLabel(a.id)}${a.belowTarget ? ` — ${m.survey_actions_below_target({}, { locale })}` : ''}`,
			String(a.count),
			fixed(a.mean, 2),
			fixed(a.index, 1),
			fixed(byArea.get(a.id)?.index.previous ?? null, 1),
			signed(byArea.get(a.id)?.index.change ?? null)
		]),
		set.areas.map((a) => a.belowTarget)
	);

	heading(m.survey_report_by_estate({}, { locale }));
	table(
		[
			{ label: m.survey_report_place({}, { locale }), width: 0.55 },
			{ label: m.survey_report_answered({}, { locale }), width: 0.15 },
			{ label: m.survey_report_index_short({}, { locale }), width: 0.15 },
			{ label: m.survey_report_nps({}, { locale }), width: 0.15 }
		],
		[
			...set.byEstate.map((g) => [
				results.estates.find((e) => e.id === g.id)?.name ?? '',
				String(g.responses),
				fixed(g.index, 1),
				g.nps ? fixed(g.nps.score, 0) : '—'
			]),
			...set.byBuilding.map((g) => [
				`  ${results.estates.find((e) => e.id === g.estateId)?.name ?? ''} · ${results.buildings.find((b) => b.id === g.id)?.name ?? ''}`,
				String(g.responses),
				fixed(g.index, 1),
				g.nps ? fixed(g.nps.score, 0) : '—'
			])
		],
		[...set.byEstate.map((g) => g.belowTarget), ...set.byBuilding.map((g) => g.belowTarget)]
	);

	heading(m.survey_report_questions({}, { locale }));
	for (const question of set.questions) {
		if (question.kind === 'text' || question.kind === 'grid') continue;
		room(40);
		y = w.paragraph(
			`${text(question.text)} (${m.survey_report_answered_n({ n: question.answered }, { locale })})`,
			MARGIN,
			y,
			RIGHT - MARGIN,
			{ size: 10, bold: true }
		);
		const buckets =
			'choices' in question
				? question.choices.map((c) => ({ label: text(c.text), count: c.count, share: c.share }))
				: question.distribution.map((b: { value: string; count: number; share: number | null }) => ({
						label: b.value,
						count: b.count,
						share: b.share
					}));
		y = drawBars(w, doc, buckets, y + 2);
		if (question.kind === 'nps')
			y = w.paragraph(
				`NPS ${fixed(question.nps.score, 0)} · ${m.survey_report_nps_parts({ promoters: question.nps.promoters, passives: question.nps.passives, detractors: question.nps.detractors }, { locale })}`,
				MARGIN,
				y,
				RIGHT - MARGIN,
				{ size: 9, color: SOFT }
			);
		y += 8;
	}

	heading(m.survey_actions_title({}, { locale }));
	if (data.actions.length === 0) {
		y = w.paragraph(m.survey_actions_none({}, { locale }), MARGIN, y, RIGHT - MARGIN, { size: 10, color: SOFT });
	} else {
		table(
			[
				{ label: m.survey_actions_what({}, { locale }), width: 0.52 },
				{ label: m.survey_actions_owner({}, { locale }), width: 0.18 },
				{ label: m.survey_actions_due({}, { locale }), width: 0.16 },
				{ label: m.survey_report_state({}, { locale }), width: 0.14 }
			],
			data.actions.map((a) => [
				`${a.title} (${data.areaLabel(a.area)} · ${a.estate})${a.evidence ? ` — ${a.evidence}` : ''}`,
				a.owner,
				a.due,
				a.state
			])
		);
	}

	// Page numbers, once the count is known.
	const range = doc.bufferedPageRange();
	for (let i = 0; i < range.count; i++) {
		doc.switchToPage(range.start + i);
		w.draw(`${results.survey.reference} · ${i + 1} / ${range.count}`, RIGHT, HEIGHT - 36, { size: 8, color: SOFT, align: 'right' });
	}
	doc.end();
	return done;
}

/** Horizontal bars, one per score or choice, with the count and share. */
function drawBars(
	w: Writer,
	doc: PDFKit.PDFDocument,
	buckets: { label: string; count: number; share: number | null }[],
	top: number
): number {
	let y = top;
	const labelWidth = 150;
	const barX = MARGIN + labelWidth;
	const barWidth = RIGHT - barX - 80;
	for (const bucket of buckets) {
		if (y + 14 > BOTTOM) {
			doc.addPage({ size: 'A4', margin: 0 });
			y = MARGIN;
		}
		w.draw(w.wrap(bucket.label, labelWidth - 8, { size: 9 })[0] ?? '', MARGIN, y, { size: 9 });
		doc
			.save()
			.rect(barX, y + 2, barWidth, 8)
			.fill('#eef1f0')
			.restore();
		if (bucket.share)
			doc
				.save()
				.rect(barX, y + 2, barWidth * bucket.share, 8)
				.fill(BRAND)
				.restore();
		w.draw(`${bucket.count} (${percent(bucket.share)})`, RIGHT, y, { size: 9, align: 'right' });
		y += 14;
	}
	return y;
}
