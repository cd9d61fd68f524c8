// Helpers for this folder's integration tests (and the account routes' tests): small inserts of
// the rows the account flows need. Not imported by application code.
import { eq } from 'drizzle-orm';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import { runMailJobs } from '../notify/testing.ts';
import { db } from '../db/client.ts';
import { grantStaff } from '../property/testing/fixtures.ts';
import {
	buildings,
	companyMembers,
	estates,
	floors,
	managementCompanies,
	outbox,
	residentCompanies,
	units,
	users
} from '../db/schema/index.ts';
import { loadActor, type Actor } from '../auth/actor.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { StaffRole } from '../auth/permissions.ts';

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export const PASSWORD = 'correct horse battery';

// argon2id costs ~50 ms and 19 MiB a hash by design; tests create hundreds of users, so each
// password is hashed once per file (salted once, which is all a test needs).
const hashes = new Map<string, Promise<string>>();
const testHash = (password: string) => {
	let hash = hashes.get(password);
	if (!hash) hashes.set(password, (hash = hashPassword(password)));
	return hash;
};

export async function createUser(
	options: {
		email?: string;
		name?: string;
		kind?: 'resident' | 'staff' | 'contractor';
		password?: string | null;
		locale?: string | null;
		disabled?: boolean;
	} = {}
): Promise<{ id: string; email: string }> {
	const email = options.email ?? `person-${next()}@example.com`;
	const password = options.password === undefined ? PASSWORD : options.password;
	const [user] = await db()
		.insert(users)
		.values({
			email,
			name: options.name ?? 'Test Person',
			kind: options.kind ?? 'resident',
			passwordHash: password === null ? null : await testHash(password),
			locale: options.locale ?? null,
			disabled: options.disabled ?? false
		})
		.returning({ id: users.id, email: users.email });
	return user!;
}

export async function actorOf(userId: string, sessionId: string | null = null): Promise<Actor> {
	const actor = await loadActor(userId, sessionId);
	if (!actor) throw new Error('no such user');
	return actor;
}

export async function createStaff(roles: StaffRole[], estateIds: string[] = []): Promise<Actor> {
	const user = await createUser({ kind: 'staff', name: 'Staff Member' });
	await grantStaff(user.id, roles, estateIds);
	return actorOf(user.id);
}

/** An estate with one building, floor and unit. */
export async function createUnit(): Promise<{ estateId: string; unitId: string }> {
	const [company] = await db().insert(managementCompanies).values({ name: 'Harbour Property Management' }).returning();
	const [estate] = await db()
		.insert(estates)
		.values({ companyId: company!.id, code: `E${next()}`, name: 'Harbour View', kind: 'residential', timeZone: DEFAULT_TIME_ZONE })
		.returning();
	const [building] = await db().insert(buildings).values({ estateId: estate!.id, code: 'A', name: 'Tower A' }).returning();
	const [floor] = await db().insert(floors).values({ buildingId: building!.id, level: 12, label: '12/F' }).returning();
	const [unit] = await db()
		.insert(units)
		.values({ estateId: estate!.id, buildingId: building!.id, floorId: floor!.id, number: '12A', areaM2: '80.50', use: 'residential' })
		.returning();
	return { estateId: estate!.id, unitId: unit!.id };
}

export async function createCompany(name = 'Acme Trading Ltd'): Promise<string> {
	const [company] = await db().insert(residentCompanies).values({ name }).returning();
	return company!.id;
}

export async function addMember(companyId: string, userId: string, role: 'admin' | 'member'): Promise<void> {
	await db().insert(companyMembers).values({ companyId, userId, role });
}

/**
 * The mail to `email` in the outbox, after the due mail jobs ran (account mail is written by a
 * durable job after the request, as the job runner would do a moment later).
 */
export async function mailTo(email: string, now: Date = new Date()) {
	await runMailJobs(now);
	return db().select().from(outbox).where(eq(outbox.recipient, email)).orderBy(outbox.createdAt);
}

/** The first match of `pattern` in the newest mail to `email` (mail jobs run at `now`). */
export async function fromLatestMail(email: string, pattern: RegExp, now: Date = new Date()): Promise<string> {
	const mails = await mailTo(email, now);
	const match = mails.at(-1)?.body.match(pattern);
	if (!match) throw new Error(`no mail to ${email} matching ${pattern}`);
	return match[1] ?? match[0];
}
