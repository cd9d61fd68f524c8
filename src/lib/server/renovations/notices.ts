/**
 * Telling people when an application moves to a step that is theirs (rule 5: "notifications on
 * every step"): whoever stepHolders names for the new step (machine.ts). The applicant and the
 * contractor get the inbox and an email, with the link to their page; the departments' staff of
 * the application's estate get the inbox, with the link to the back office. A finished
 * application (closed, rejected, withdrawn) is told to the applicant side. Written in the step's
 * transaction, so a rolled-back step tells nobody. What the applicant side is sent is filed in the
 * unit's file as a notice, with to whom and how it went (archive/correspondence.ts).
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { renovationReference } from '#lib/references.ts';
import { holderLabel, stateLabel } from '#lib/renovation-labels.ts';
import { listText } from '#lib/list-text.ts';
import { money } from '#lib/money/index.ts';
import { permissions, type StaffRole } from '../auth/permissions.ts';
import type { Executor } from '../db/client.ts';
import { notify, notifyTold } from '../notify/notify.ts';
import { fileCorrespondence } from '../archive/correspondence.ts';
import { staffInEstate } from '../repairs/people.ts';
import { departmentPermissions, type DepartmentCapacity, type RenovationApplication } from './access.ts';
import { finishedRenovationStates, stepHolders, type RenovationState } from './machine.ts';

export async function tellStepHolders(executor: Executor, application: RenovationApplication, state: RenovationState): Promise<void> {
	const holders = stepHolders[state];
	const finished = finishedRenovationStates.includes(state);
	const reference = renovationReference(application.seq);
	const message = (locale: Locale) => ({
		title: m.renovations_notice_title({ reference, step: stateLabel[state]({}, { locale }) }, { locale }),
		body: finished
			? m.renovations_notice_finished_body({ reference }, { locale })
			: m.renovations_notice_body(
					{
						reference,
						who: listText(
							holders.map((h) => holderLabel[h]({}, { locale })),
							locale
						)
					},
					{ locale }
				)
	});

	const applicantSide = [
		finished || holders.includes('applicant') ? application.applicantId : null,
		(finished || holders.includes('contractor')) && application.contractorUserId ? application.contractorUserId : null
	].filter((id): id is string => id !== null);
	await tellApplicant(executor, application, applicantSide, `renovation.${state}`, message, { renovationState: state });

	const roles = new Set<StaffRole>();
	for (const holder of holders) {
		if (holder in departmentPermissions) {
			for (const role of permissions[departmentPermissions[holder as DepartmentCapacity]]) roles.add(role);
		}
	}
	if (roles.size) {
		const staff = await staffInEstate(executor, application.estateId, [...roles]);
		await notify(executor, {
			userIds: staff.map((s) => s.id),
			kind: `renovation.${state}`,
			subject: { type: 'renovation', id: application.id },
			link: `/staff/renovations/${application.id}`,
			message,
			channels: ['inbox']
		});
	}
}

/**
 * The applicant side's notice: inbox and email (and SMS where the channel is set up), linking to
 * its page, filed in the unit's file with whom it reached and how. `about` says what it was about.
 */
async function tellApplicant(
	executor: Executor,
	application: RenovationApplication,
	userIds: readonly string[],
	kind: string,
	message: (locale: Locale) => { title: string; body: string },
	about: Record<string, unknown>
): Promise<void> {
	if (userIds.length === 0) return;
	const told = await notifyTold(executor, {
		userIds: [...userIds],
		kind,
		subject: { type: 'renovation', id: application.id },
		link: `/app/renovations/${application.id}`,
		message,
		channels: ['inbox', 'email', 'sms']
	});
	if (told.length === 0) return;
	await fileCorrespondence(executor, {
		unitId: application.unitId,
		occupancyId: application.occupancyId,
		kind: 'notice',
		sourceType: 'renovation',
		sourceId: application.id,
		summary: { reference: renovationReference(application.seq), ...about },
		delivery: told
	});
}

/** Tells the applicant and the contractor of a violation recorded on site, with its fine (0: a warning). */
export async function tellApplicantSide(
	executor: Executor,
	application: RenovationApplication,
	notice: 'violation',
	facts: { description: string; fineMinor: number; currency: string }
): Promise<void> {
	const reference = renovationReference(application.seq);
	const userIds = [application.applicantId, application.contractorUserId].filter((id): id is string => id !== null);
	await tellApplicant(
		executor,
		application,
		userIds,
		`renovation.${notice}`,
		(locale) => ({
			title: m.renovations_notice_violation_title({ reference }, { locale }),
			body:
				facts.fineMinor > 0
					? m.renovations_notice_violation_fine_body(
							{ description: facts.description, fine: money(facts.fineMinor, facts.currency, locale) },
							{ locale }
						)
					: m.renovations_notice_violation_body({ description: facts.description }, { locale })
		}),
		{ step: 'record_violation', amountMinor: facts.fineMinor > 0 ? facts.fineMinor : undefined, currency: facts.currency }
	);
}
