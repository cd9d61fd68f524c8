import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { notifications, renovationApplications, renovationInspections } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { localDirectoryStorage } from '../storage/local-directory.ts';
import { useStorage } from '../storage/configured.ts';
import { ensureDefaultCalendar } from '../calendar/store.ts';
import { estateZone } from '../fees/estate-time.ts';
import { submittedApplication } from './testing/approved-application.ts';
import { loadStepLimits, saveStepLimits, stepLimitsForAdmin, DEFAULT_STEP_LIMITS } from './deadlines.ts';
import { remindOverdueRenovations } from './overdue-reminders.ts';
import { renovationBoard, staffRenovationPage } from './review-queries.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-renovation-deadlines-'));
let desk: Actor;
let engineer: Actor;
let manager: Actor;
let estateId: string;
let applicationId: string;

/** Monday 7 December 2026, 10:00 in Hong Kong: the step began then. */
const monday = new Date('2026-12-07T02:00:00Z');
const at = (local: string) => new Date(`${local}+08:00`);

beforeAll(async () => {
	useStorage(localDirectoryStorage(dir));
	await ensureDefaultCalendar(db());
	const a = await submittedApplication();
	({ applicationId, estateId, desk, engineer, manager } = a);
	// Submitted on Monday morning (the step's start is what the limit counts from).
	await db().update(renovationApplications).set({ stepSince: monday }).where(eq(renovationApplications.id, applicationId));
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the review time limits (working days on the office calendar)', () => {
	it('starts from the dictionary’s defaults, and a manager changes them with the audit log', async () => {
		expect(await loadStepLimits()).toEqual(DEFAULT_STEP_LIMITS);
		await expect(stepLimitsForAdmin(desk)).rejects.toMatchObject({ status: 403 });
		await saveStepLimits(manager, { ...DEFAULT_STEP_LIMITS, submitted: 2 });
		expect((await loadStepLimits()).submitted).toBe(2);
	});

	it('dates the desk’s step two working days after Monday, and calls it overdue from Thursday', async () => {
		const onWednesday = await renovationBoard(desk, at('2026-12-09T17:00:00'));
		const row = onWednesday.mine.find((r) => r.id === applicationId);
		expect(row?.due).toEqual({ day: '2026-12-09', overdue: false });
		expect(onWednesday.overdue.map((r) => r.id)).not.toContain(applicationId);
		const onThursday = await renovationBoard(engineer, at('2026-12-10T09:00:00'));
		// Overdue is on every department's board, not only the one that has the step.
		expect(onThursday.overdue.map((r) => r.id)).toContain(applicationId);
		expect(onThursday.mine.map((r) => r.id)).not.toContain(applicationId);
		expect((await staffRenovationPage(desk, applicationId)).due?.day).toBe('2026-12-09');
	});

	it('reminds customer service of the overdue step once a day, not the other departments', async () => {
		const estate = await estateZone(db(), estateId);
		const since = (days: number) =>
			db()
				.update(renovationApplications)
				.set({ stepSince: new Date(Date.now() - days * 86_400_000) })
				.where(eq(renovationApplications.id, applicationId));
		// Submitted just now: not due yet. A month ago: overdue. (The run is today's: "once a day" is today's day.)
		await since(0);
		expect(await remindOverdueRenovations(db(), estate, new Date())).toBe(0);
		await since(30);
		expect(await remindOverdueRenovations(db(), estate, new Date())).toBe(1);
		const told = await db()
			.select({ userId: notifications.userId, title: notifications.title })
			.from(notifications)
			.where(and(eq(notifications.subjectId, applicationId), eq(notifications.kind, 'renovation.overdue')));
		expect(told.map((n) => n.userId)).toContain(desk.userId);
		expect(told.map((n) => n.userId)).not.toContain(engineer.userId);
		expect(told[0]!.title).toMatch(/^Z\d{6} is overdue$/);
		// The day's job running again tells nobody twice.
		expect(await remindOverdueRenovations(db(), estate, new Date())).toBe(0);
	});

	it('marks which departments inspected works under way today, on the board', async () => {
		await db().update(renovationApplications).set({ state: 'in_works' }).where(eq(renovationApplications.id, applicationId));
		await db().insert(renovationInspections).values({
			applicationId,
			kind: 'daily',
			department: 'engineering',
			inspectorId: engineer.userId,
			inspectedOn: '2026-12-10',
			outcome: 'ok'
		});
		const board = await renovationBoard(desk, at('2026-12-10T15:00:00'));
		expect(board.inWorks.find((r) => r.id === applicationId)?.inspectedBy).toEqual(['engineering']);
		const nextDay = await renovationBoard(desk, at('2026-12-11T09:00:00'));
		expect(nextDay.inWorks.find((r) => r.id === applicationId)?.inspectedBy).toEqual([]);
	});
});
