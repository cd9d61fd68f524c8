/**
 * Printed letters with a QR code (rule 7), one PDF per building, each letter in its resident's
 * language: for the households and companies the invitation could not reach by email (or, when
 * staff ask, for everyone who has not answered yet — a reminder on paper). A letter carries its own
 * link (survey_recipients.letterTokenHash): printing a building again gives new links and the
 * letters printed before stop working, while the emailed link and the answers saved so far stay.
 * Printing is an action of the open survey (the machine's print_letters), on the record, and each
 * letter printed is filed in its unit's file as a letter delivered on paper (archive/correspondence.ts).
 */
import { and, asc, count, eq, isNull, max, sql } from 'drizzle-orm';
import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { surveyReference } from '#lib/references.ts';
import { localText } from '#lib/surveys/definition.ts';
import { addDays, businessToday, localDate } from '#lib/time/index.ts';
import { isLocale } from '#lib/paraglide/runtime.js';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates, requireStaff } from '../auth/guards.ts';
import { hashSecret, randomString } from '../auth/tokens.ts';
import { config } from '../config.ts';
import { db } from '../db/client.ts';
import { buildings, estates, floors, occupancies, residentCompanies, surveyRecipients, units, users } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { fileCorrespondence } from '../archive/correspondence.ts';
import { isUuid } from '../kernel/ids.ts';
import { InputError } from '../kernel/input-error.ts';
import { lockSurvey, loadSurvey } from './access.ts';
import { renderLetters, type Letter } from './letter-pdf.ts';
import { surveyMachine } from './machine.ts';

export type LetterAudience = 'not_emailed' | 'unanswered';

export function isLetterAudience(value: unknown): value is LetterAudience {
	return value === 'not_emailed' || value === 'unanswered';
}

/** Per building of the survey (in the actor's estates): how many letters each choice would print, and when last printed. */
export async function letterBuildings(actor: Actor, surveyId: string) {
	requireStaff(actor, 'surveys.manage');
	const survey = await loadSurvey(actor, surveyId);
	return db()
		.select({
			buildingId: buildings.id,
			building: buildings.name,
			estate: estates.name,
			unanswered: count(),
			notEmailed: sql<number>`count(*) filter (where not ${surveyRecipients.emailed})`.mapWith(Number),
			lastPrinted: max(surveyRecipients.letterPrintedAt)
		})
		.from(surveyRecipients)
		.innerJoin(buildings, eq(buildings.id, surveyRecipients.buildingId))
		.innerJoin(estates, eq(estates.id, surveyRecipients.estateId))
		.where(
			and(eq(surveyRecipients.surveyId, survey.id), isNull(surveyRecipients.answeredAt), inActorEstates(actor, surveyRecipients.estateId))
		)
		.groupBy(buildings.id, buildings.name, estates.name)
		.orderBy(asc(estates.name), asc(buildings.name));
}

/**
 * The building's letters as one PDF, with new letter links for those who have not answered (of
 * those not emailed, or all): returns the PDF and a file name. Nobody to print for is an InputError.
 */
export async function printLetters(
	actor: Actor,
	surveyId: string,
	buildingId: string,
	who: LetterAudience,
	now = new Date()
): Promise<{ filename: string; pdf: Uint8Array }> {
	requireStaff(actor, 'surveys.manage');
	if (!isUuid(buildingId)) error(404, 'Not found');
	// Rendered inside the transaction: a letter that cannot be drawn leaves the earlier letters working.
	return db().transaction(async (tx) => {
		const survey = await lockSurvey(tx, actor, surveyId);
		surveyMachine.take(survey.state, 'print_letters', new Set(['editor']), m.surveys_moved_on());
		const [place] = await tx
			.select({ building: buildings.name, estate: estates.name, estateId: estates.id, timeZone: estates.timeZone })
			.from(buildings)
			.innerJoin(estates, eq(estates.id, buildings.estateId))
			.where(and(eq(buildings.id, buildingId), inActorEstates(actor, estates.id)));
		if (!place) error(404, 'Not found');
		const rows = await tx
			.select({
				id: surveyRecipients.id,
				occupancyId: surveyRecipients.occupancyId,
				locale: surveyRecipients.locale,
				unitId: units.id,
				unit: units.number,
				person: users.name,
				company: residentCompanies.name
			})
			.from(surveyRecipients)
			.innerJoin(occupancies, eq(occupancies.id, surveyRecipients.occupancyId))
			.innerJoin(units, eq(units.id, occupancies.unitId))
			.innerJoin(floors, eq(floors.id, units.floorId))
			.leftJoin(users, eq(users.id, occupancies.userId))
			.leftJoin(residentCompanies, eq(residentCompanies.id, occupancies.companyId))
			.where(
				and(
					eq(surveyRecipients.surveyId, survey.id),
					eq(surveyRecipients.buildingId, buildingId),
					isNull(surveyRecipients.answeredAt),
					who === 'not_emailed' ? eq(surveyRecipients.emailed, false) : undefined
				)
			)
			.orderBy(asc(floors.level), asc(units.number))
			.for('update', { of: surveyRecipients });
		if (rows.length === 0) throw new InputError('who', m.survey_letters_nobody());
		const title = (locale: string) => localText(survey.title, locale);
		// The last day answers are taken: the day before closesAt begins, in the estate's calendar.
		const lastDay = survey.closesAt ? addDays(localDate(survey.closesAt, place.timeZone), -1) : null;
		const letters: Letter[] = [];
		const reference = surveyReference(survey.seq);
		for (const row of rows) {
			const token = randomString(26);
			await tx
				.update(surveyRecipients)
				.set({ letterTokenHash: hashSecret(token), letterPrintedAt: now })
				.where(eq(surveyRecipients.id, row.id));
			const locale = isLocale(row.locale) ? row.locale : 'en';
			const addressee = row.company ?? row.person ?? m.survey_letters_occupant({}, { locale });
			letters.push({ locale, addressee, unit: row.unit, title: title(locale), link: `${config().origin}/s/${token}`, lastDay });
			await fileCorrespondence(tx, {
				unitId: row.unitId,
				occupancyId: row.occupancyId,
				kind: 'letter',
				sourceType: 'survey',
				sourceId: survey.id,
				summary: { reference, title: title(locale) },
				delivery: [{ name: addressee, channels: ['paper'] }],
				actor
			});
		}
		await recordEvent(tx, {
			actor,
			subjectType: 'survey',
			subjectId: survey.id,
			kind: 'print_letters',
			data: { building: buildingId, letters: rows.length, who }
		});
		const pdf = await renderLetters({
			reference,
			estate: place.estate,
			building: place.building,
			printedOn: businessToday(place, now),
			anonymous: survey.anonymous,
			letters
		});
		return { filename: `${reference}-${place.building.replace(/[^\p{L}\p{N}]+/gu, '-')}-letters.pdf`, pdf };
	});
}
