/**
 * The satisfaction survey (顧客滿意度調查, rule 7). A template holds a definition an admin edits
 * (surveys/definition.ts); a survey copies one and freezes it when sent. Each recipient — an
 * occupancy (a household or a company), or a person where the survey asks per person — has a
 * personal link (only its hash is kept). Answers being written are kept per recipient so the
 * link resumes on another device; a submitted response is stored apart, and in anonymous mode
 * without its recipient and with its day only, so nothing joins an answer to a person.
 */
import { sql } from 'drizzle-orm';
import {
	bigserial,
	boolean,
	check,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import type { Answers, LocalText, SurveyDefinition } from '#lib/surveys/definition.ts';
import { bytea, users } from './accounts.ts';
import { buildings, estates, occupancies } from './property.ts';

export const surveyTemplates = pgTable('survey_templates', {
	id: uuid().primaryKey().defaultRandom(),
	code: text().notNull().unique(),
	title: jsonb().$type<LocalText>().notNull(),
	definition: jsonb().$type<SurveyDefinition>().notNull(),
	active: boolean().notNull().default(true),
	updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	updatedBy: uuid().references(() => users.id)
});

/** The survey's steps; the transitions live in surveys/machine.ts. */
export const surveyState = pgEnum('survey_state', ['draft', 'sending', 'open', 'closed']);

/** Who answers: one response per occupancy (a household or a company), or one per person. */
export const surveyRespondent = pgEnum('survey_respondent', ['occupancy', 'person']);

export interface SurveyAudience {
	/** Empty: every estate. */
	estateIds: string[];
	/** Empty: every building of the chosen estates. */
	buildingIds: string[];
	/** Customer segments (customers/segments.ts): only their members' occupancies; absent or empty: everyone. */
	segmentIds?: string[];
}

export const surveys = pgTable(
	'surveys',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** The reference staff quote (S000003). */
		seq: bigserial({ mode: 'number' }).notNull(),
		templateId: uuid().references(() => surveyTemplates.id),
		title: jsonb().$type<LocalText>().notNull(),
		/** Copied from the template; frozen once sent (a change is a new survey). */
		definition: jsonb().$type<SurveyDefinition>().notNull(),
		state: surveyState().notNull().default('draft'),
		anonymous: boolean().notNull().default(false),
		respondent: surveyRespondent().notNull().default('occupancy'),
		audience: jsonb().$type<SurveyAudience>().notNull(),
		opensAt: timestamp({ withTimezone: true }),
		closesAt: timestamp({ withTimezone: true }),
		/** Last year's survey, for the comparison in the results. */
		previousSurveyId: uuid(),
		/** The score (1–5) below which an area or question needs a corrective action. */
		targetScore: integer().notNull().default(4),
		/** Days after the invitation (and after each reminder) before those who have not answered are reminded; at most two reminders. */
		remindAfterDays: integer().notNull().default(7),
		/** The general manager's approval of the report (rule 7), on the record. */
		reportApprovedAt: timestamp({ withTimezone: true }),
		reportApprovedBy: uuid().references(() => users.id),
		createdBy: uuid()
			.notNull()
			.references(() => users.id),
		sentAt: timestamp({ withTimezone: true }),
		/** How many recipients the audience had when it was sent: the sending job's progress counts up to it. */
		recipientCount: integer(),
		closedAt: timestamp({ withTimezone: true }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('surveys_seq').on(t.seq),
		check('surveys_window', sql`${t.closesAt} is null or ${t.opensAt} is null or ${t.closesAt} > ${t.opensAt}`),
		check('surveys_target', sql`${t.targetScore} between 1 and 5`),
		check('surveys_remind_after', sql`${t.remindAfterDays} between 1 and 60`)
	]
);

export const surveyRecipients = pgTable(
	'survey_recipients',
	{
		id: uuid().primaryKey().defaultRandom(),
		surveyId: uuid()
			.notNull()
			.references(() => surveys.id),
		occupancyId: uuid()
			.notNull()
			.references(() => occupancies.id),
		/** The person, where the survey asks per person; null: the occupancy answers once. */
		userId: uuid().references(() => users.id),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		buildingId: uuid()
			.notNull()
			.references(() => buildings.id),
		/** The personal link's secret, hashed (tokens.ts): the link is the whole authority. */
		tokenHash: bytea().notNull(),
		/**
		 * The printed letter's own link, hashed: printing a building's letters again gives new ones
		 * (the earlier letters stop working) without touching the link that was emailed.
		 */
		letterTokenHash: bytea(),
		/** Whether the invitation reached someone by email; those it did not get a printed letter. */
		emailed: boolean().notNull().default(true),
		letterPrintedAt: timestamp({ withTimezone: true }),
		reminders: integer().notNull().default(0),
		/** The language the link's letter and messages are written in. */
		locale: text().notNull(),
		invitedAt: timestamp({ withTimezone: true }),
		remindedAt: timestamp({ withTimezone: true }),
		answeredAt: timestamp({ withTimezone: true }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('survey_recipients_token').on(t.tokenHash),
		uniqueIndex('survey_recipients_letter_token').on(t.letterTokenHash),
		uniqueIndex('survey_recipients_once').on(
			t.surveyId,
			t.occupancyId,
			sql`coalesce(${t.userId}, '00000000-0000-0000-0000-000000000000'::uuid)`
		),
		index('survey_recipients_survey').on(t.surveyId, t.estateId, t.buildingId)
	]
);

/** Answers being written, saved as they go: the link resumes them on any device until submitted. */
export const surveyDrafts = pgTable('survey_drafts', {
	recipientId: uuid()
		.primaryKey()
		.references(() => surveyRecipients.id),
	answers: jsonb().$type<Answers>().notNull(),
	updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

/**
 * A submitted response. Named: with its recipient, once per recipient. Anonymous: without it,
 * with only the day it came in and where (estate and building, for the breakdown), so no column
 * joins it to the recipient marked as answered.
 */
export const surveyResponses = pgTable(
	'survey_responses',
	{
		id: uuid().primaryKey().defaultRandom(),
		surveyId: uuid()
			.notNull()
			.references(() => surveys.id),
		recipientId: uuid().references(() => surveyRecipients.id),
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		buildingId: uuid()
			.notNull()
			.references(() => buildings.id),
		answers: jsonb().$type<Answers>().notNull(),
		submittedOn: date().notNull()
	},
	(t) => [
		uniqueIndex('survey_responses_recipient')
			.on(t.recipientId)
			.where(sql`${t.recipientId} is not null`),
		index('survey_responses_survey').on(t.surveyId, t.estateId, t.buildingId)
	]
);

/** Tags staff put on a free-text answer ("lift", "noise"), to count what people wrote about. */
export const surveyAnswerTags = pgTable(
	'survey_answer_tags',
	{
		id: uuid().primaryKey().defaultRandom(),
		surveyId: uuid()
			.notNull()
			.references(() => surveys.id),
		responseId: uuid()
			.notNull()
			.references(() => surveyResponses.id),
		questionId: text().notNull(),
		tag: text().notNull(),
		createdBy: uuid()
			.notNull()
			.references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('survey_answer_tags_once').on(t.responseId, t.questionId, t.tag),
		index('survey_answer_tags_survey').on(t.surveyId, t.tag)
	]
);

/** A corrective action's steps; the transitions live in surveys/action-machine.ts. */
export const surveyActionState = pgEnum('survey_action_state', ['open', 'in_progress', 'done']);

/**
 * A corrective action (rule 7): an area or question scored below the survey's target gets an owner,
 * a due date and, to close it, the evidence of what was done; a job reminds the owner (then the
 * manager) when it is due. Next year's results show last year's actions beside the same area.
 */
export const surveyActions = pgTable(
	'survey_actions',
	{
		id: uuid().primaryKey().defaultRandom(),
		surveyId: uuid()
			.notNull()
			.references(() => surveys.id),
		/** The estate it is for: where the area scored low, and whose today its due day is counted in. */
		estateId: uuid()
			.notNull()
			.references(() => estates.id),
		/** What scored low: a question id, or `question/row` for a grid row (a service area). */
		area: text().notNull(),
		/** What will be done. */
		title: text().notNull(),
		ownerId: uuid()
			.notNull()
			.references(() => users.id),
		dueOn: date().notNull(),
		state: surveyActionState().notNull().default('open'),
		evidence: text().notNull().default(''),
		createdBy: uuid()
			.notNull()
			.references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		doneAt: timestamp({ withTimezone: true }),
		/** The day its owner was last reminded (the job reminds once a day at most). */
		remindedOn: date()
	},
	(t) => [index('survey_actions_survey').on(t.surveyId, t.area), index('survey_actions_due').on(t.estateId, t.state, t.dueOn)]
);
