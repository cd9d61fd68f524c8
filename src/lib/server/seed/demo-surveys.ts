/**
 * Last year's annual satisfaction survey for the demo (rule 7): S000001, sent to every household
 * and company of both estates in November 2025, answered by about two in three of them (the demo
 * resident Chan Tai Man among them), closed, its report approved by the general manager, with two
 * corrective actions — one done with its evidence, one under way. A survey started from the
 * template now compares with it, and residents find it under their surveys. Written directly, as
 * the survey's own steps would have left it (no invitations go out again), with its events.
 */
import { eq, inArray } from 'drizzle-orm';
import { annualSurvey, annualSurveyTitle, ANNUAL_SURVEY_CODE } from '#lib/surveys/annual-template.ts';
import type { Answers } from '#lib/surveys/definition.ts';
import { hashSecret, randomString } from '../auth/tokens.ts';
import type { Executor } from '../db/client.ts';
import { estates, surveyActions, surveyRecipients, surveyResponses, surveys, surveyTemplates, users } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { audiencePage } from '../surveys/audience.ts';
import { ensureDefaultSurveyTemplates } from '../surveys/templates.ts';
import { demoResident } from './demo-data.ts';
import { pick, seededRandom } from './random.ts';

const SENT = new Date('2025-11-10T02:00:00Z');
const CLOSES = new Date('2025-12-01T16:00:00Z');
const APPROVED = new Date('2025-12-09T03:30:00Z');

/** One household's answers: mostly content, repairs and the fees scoring lowest (what the actions are about). */
function answersOf(random: () => number): Answers {
	const score = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
	const overall = score(2, 5);
	const answers: Answers = {
		overall,
		areas: {
			customer_service: score(3, 5),
			repairs: score(2, 4),
			security: score(3, 5),
			cleaning: score(3, 5),
			greening: score(3, 5),
			value: score(2, 4)
		},
		fees_level: pick(random, ['too_high', 'about_right', 'about_right', 'low']),
		recommend: score(4, 10),
		improve: random() < 0.5 ? ['response'] : ['fees', 'facilities']
	};
	if (overall < 3)
		answers.overall_why = pick(random, ['The lift was out of service for days.', '維修太慢，要等很久。', '管理费太高，服务一般。']);
	return answers;
}

export async function seedDemoSurveys(tx: Executor): Promise<void> {
	await ensureDefaultSurveyTemplates(tx);
	const [template] = await tx.select({ id: surveyTemplates.id }).from(surveyTemplates).where(eq(surveyTemplates.code, ANNUAL_SURVEY_CODE));
	const staff = await tx
		.select({ id: users.id, email: users.email })
		.from(users)
		.where(inArray(users.email, ['manager@lobby.test', 'gm@lobby.test', 'lead@lobby.test', demoResident.email]));
	const idOf = (email: string) => staff.find((s) => s.email === email)?.id;
	const manager = idOf('manager@lobby.test');
	const gm = idOf('gm@lobby.test');
	const lead = idOf('lead@lobby.test');
	if (!template || !manager || !gm || !lead) return;
	const places = await tx.select({ id: estates.id, code: estates.code }).from(estates);
	const hvg = places.find((e) => e.code === 'HVG');
	if (!hvg) return;
	const audience = await audiencePage(tx, { estateIds: [], buildingIds: [] }, null, 10_000);
	const chan = idOf(demoResident.email);
	const random = seededRandom(2025);
	const [survey] = await tx
		.insert(surveys)
		.values({
			templateId: template.id,
			title: annualSurveyTitle,
			definition: annualSurvey,
			state: 'closed',
			audience: { estateIds: places.map((p) => p.id), buildingIds: [] },
			closesAt: CLOSES,
			createdBy: manager,
			sentAt: SENT,
			recipientCount: audience.length,
			closedAt: CLOSES,
			reportApprovedAt: APPROVED,
			reportApprovedBy: gm,
			createdAt: SENT,
			updatedAt: APPROVED
		})
		.returning({ id: surveys.id });
	const surveyId = survey!.id;
	for (const occupancy of audience) {
		// Chan Tai Man answered; about two in three of the others did.
		const answered = occupancy.userId === chan || random() < 0.65;
		const [recipient] = await tx
			.insert(surveyRecipients)
			.values({
				surveyId,
				occupancyId: occupancy.occupancyId,
				estateId: occupancy.estateId,
				buildingId: occupancy.buildingId,
				tokenHash: hashSecret(randomString(26)),
				locale: 'en',
				invitedAt: SENT,
				answeredAt: answered ? new Date(SENT.getTime() + Math.floor(random() * 18) * 86_400_000) : null,
				createdAt: SENT
			})
			.returning({ id: surveyRecipients.id });
		if (!answered) continue;
		await tx.insert(surveyResponses).values({
			surveyId,
			recipientId: recipient!.id,
			estateId: occupancy.estateId,
			buildingId: occupancy.buildingId,
			answers: answersOf(random),
			submittedOn: '2025-11-20'
		});
	}
	for (const [kind, by, from, to] of [
		['created', manager, null, 'draft'],
		['send', manager, 'draft', 'sending'],
		['sent', null, 'sending', 'open'],
		['close', null, 'open', 'closed'],
		['approve_report', gm, null, null]
	] as const) {
		await recordEvent(tx, { actor: by ? { userId: by } : null, subjectType: 'survey', subjectId: surveyId, kind, from, to });
	}
	const actions = [
		{
			area: 'areas/repairs',
			title: 'Answer every repair call on the day it comes in 報修當日回覆',
			state: 'done' as const,
			dueOn: '2026-03-31',
			evidence: 'Second technician on the evening shift since February; median reply time down from 26 h to 5 h.',
			doneAt: new Date('2026-03-20T08:00:00Z')
		},
		{
			area: 'areas/value',
			title: 'Publish the yearly maintenance budget and what the fees paid for 公開年度維修預算',
			state: 'in_progress' as const,
			dueOn: '2027-01-31',
			evidence: '',
			doneAt: null
		}
	];
	for (const action of actions) {
		const [row] = await tx
			.insert(surveyActions)
			.values({ surveyId, estateId: hvg.id, ownerId: lead, createdBy: gm, createdAt: APPROVED, updatedAt: APPROVED, ...action })
			.returning({ id: surveyActions.id });
		await recordEvent(tx, {
			actor: null,
			subjectType: 'survey_action',
			subjectId: row!.id,
			kind: 'created',
			to: 'open',
			data: { area: action.area }
		});
	}
}
