/**
 * The areas a survey scores on a 1–5 scale — each satisfaction question, and each row of a rating
 * grid (a service area: repairs, security, cleaning…) — keyed `question` or `question/row`. The
 * survey's target score, the satisfaction index by area and corrective actions all speak of areas.
 */
import type { LocalText, SurveyDefinition } from './definition.ts';

export interface SurveyArea {
	key: string;
	questionId: string;
	rowId: string | null;
	/** The question's text, and for a grid row the row's. */
	question: LocalText;
	row: LocalText | null;
}

/** The key of a satisfaction question's area (its id) or of a grid row's (`question/row`). */
export function areaKey(questionId: string, rowId: string | null = null): string {
	return rowId === null ? questionId : `${questionId}/${rowId}`;
}

export function surveyAreas(definition: SurveyDefinition): SurveyArea[] {
	const areas: SurveyArea[] = [];
	for (const question of definition.sections.flatMap((s) => s.questions)) {
		if (question.kind === 'satisfaction') {
			areas.push({ key: areaKey(question.id), questionId: question.id, rowId: null, question: question.text, row: null });
		} else if (question.kind === 'grid') {
			for (const row of question.rows) {
				areas.push({ key: areaKey(question.id, row.id), questionId: question.id, rowId: row.id, question: question.text, row: row.text });
			}
		}
	}
	return areas;
}
