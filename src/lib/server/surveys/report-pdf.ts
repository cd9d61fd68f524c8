/**
 * The survey's printable report (rule 7: the general manager approves it on the record): the
 * response rates, the satisfaction index overall and by area against the target and last year,
 * the NPS, the choices people made, the corrective actions and the approval — A4, in the reader's
 * language, laid out as the app's flowing reports are (pdf/report-pages.ts).
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { localText } from '#lib/surveys/definition.ts';
import type { SurveyResults } from './results.ts';
import { openReport, type ReportPages } from '../pdf/report-pages.ts';
import { BRAND, BRAND_SOFT, SOFT } from '../pdf/writer.ts';

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

const fixed = (value: number | null, digits = 0) => (value === null ? '—' : value.toFixed(digits));
const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)} %`);
const signed = (value: number | null) => (value === null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(1)}`);

export async function renderReport(data: ReportData): Promise<Uint8Array> {
	const { results, locale } = data;
	const text = (t: Parameters<typeof localText>[0]) => localText(t, locale);
	const title = text(results.survey.title);
	const r = await openReport({
		locale,
		info: { Title: `${results.survey.reference} ${title}`, Subject: m.survey_report_title({}, { locale: 'en' }) }
	});
	const { doc, w, left, width } = r;

	// The first page: the company, the report's title and the key figures.
	r.banner(m.survey_report_title({}, { locale }), results.survey.reference);
	r.paragraph(title, { size: 18, bold: true, leading: 1.3 });
	r.y += 2;
	r.paragraph(data.period, { size: 10, color: SOFT });
	r.paragraph(data.readAt, { size: 10, color: SOFT });
	r.y += 6;
	r.paragraph(data.approval, { size: 10.5, bold: true });

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
	r.y += 12;
	const boxWidth = width / figures.length;
	figures.forEach(([label, value], i) => {
		const x = left + i * boxWidth;
		doc
			.save()
			.roundedRect(x + 2, r.y, boxWidth - 4, 58, 6)
			.fill(BRAND_SOFT)
			.restore();
		w.paragraph(label, x + 10, r.y + 8, boxWidth - 20, { size: 8.5, color: SOFT, leading: 1.2 });
		w.draw(value, x + 10, r.y + 36, { size: 12, bold: true });
	});
	r.y += 70;

	r.heading(m.survey_report_rates({}, { locale }));
	const rateRows = [
		...results.rates.estates.map((e) => [e.name, String(e.recipients), String(e.responses), percent(e.rate)]),
		...results.rates.buildings.map((b) => [
			`  ${results.estates.find((e) => e.id === b.estateId)?.name ?? ''} · ${b.name}`,
			String(b.recipients),
			String(b.responses),
			percent(b.rate)
		])
	];
	r.table(
		[
			{ label: m.survey_report_place({}, { locale }), width: 0.55 },
			{ label: m.survey_report_recipients({}, { locale }), width: 0.15 },
			{ label: m.survey_report_answered({}, { locale }), width: 0.15 },
			{ label: m.survey_report_rate({}, { locale }), width: 0.15 }
		],
		rateRows
	);

	r.heading(m.survey_report_areas({}, { locale }));
	const byArea = new Map(results.comparison?.areas.map((a) => [a.id, a]) ?? []);
	r.table(
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

	r.heading(m.survey_report_by_estate({}, { locale }));
	r.table(
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

	r.heading(m.survey_report_questions({}, { locale }));
	for (const question of set.questions) {
		if (question.kind === 'text' || question.kind === 'grid') continue;
		r.room(40);
		r.paragraph(`${text(question.text)} (${m.survey_report_answered_n({ n: question.answered }, { locale })})`, { size: 10, bold: true });
		const buckets =
			'choices' in question
				? question.choices.map((c) => ({ label: text(c.text), count: c.count, share: c.share }))
				: question.distribution.map((b: { value: string; count: number; share: number | null }) => ({
						label: b.value,
						count: b.count,
						share: b.share
					}));
		r.y += 2;
		drawBars(r, buckets);
		if (question.kind === 'nps')
			r.paragraph(
				`NPS ${fixed(question.nps.score, 0)} · ${m.survey_report_nps_parts({ promoters: question.nps.promoters, passives: question.nps.passives, detractors: question.nps.detractors }, { locale })}`,
				{ size: 9, color: SOFT }
			);
		r.y += 8;
	}

	r.heading(m.survey_actions_title({}, { locale }));
	if (data.actions.length === 0) {
		r.paragraph(m.survey_actions_none({}, { locale }), { size: 10, color: SOFT });
	} else {
		r.table(
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
	return r.finish(results.survey.reference);
}

/** Horizontal bars, one per score or choice, with the count and share. */
function drawBars(r: ReportPages, buckets: { label: string; count: number; share: number | null }[]): void {
	const { w, left, right } = r;
	const labelWidth = 150;
	const barX = left + labelWidth;
	const barWidth = right - barX - 80;
	for (const bucket of buckets) {
		r.room(14);
		w.draw(w.wrap(bucket.label, labelWidth - 8, { size: 9 })[0] ?? '', left, r.y, { size: 9 });
		r.bar(barX, r.y + 2, barWidth, 8, bucket.share, { track: '#eef1f0', fill: BRAND });
		w.draw(`${bucket.count} (${percent(bucket.share)})`, right, r.y, { size: 9, align: 'right' });
		r.y += 14;
	}
}
