import { execFileSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { database, db, queryRows } from '../db/client.ts';
import { sessions, users } from '../db/schema/index.ts';
import { INACTIVITY_TIMEOUT_MS, createSession, invalidateUserSessions, validateSessionToken } from './sessions.ts';

async function newUser(email: string) {
	const [user] = await db().insert(users).values({ email, name: 'Test', kind: 'resident' }).returning();
	return user!;
}

/** Every row of every table as text: what a data dump would hold. */
async function everyRowAsText(): Promise<string> {
	const tables = await queryRows<{ name: string }>(
		db(),
		sql`select quote_ident(table_schema) || '.' || quote_ident(table_name) as name
		    from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE'`
	);
	let text = '';
	for (const { name } of tables) {
		const rows = await queryRows<{ row: string }>(db(), sql.raw(`select t::text as row from ${name} t`));
		text += rows.map((r) => r.row).join('\n');
	}
	return text;
}

describe('sessions', () => {
	it('issue a token of the form id.secret carrying at least 128 bits of secret', async () => {
		const user = await newUser('token@example.test');
		const { token } = await createSession(user.id);
		const [id, secret] = token.split('.');
		expect(id).toMatch(/^[a-z0-9]{24}$/);
		expect((secret ?? '').length * 5).toBeGreaterThanOrEqual(128);
		expect(await validateSessionToken(token)).not.toBeNull();
	});

	it('refuse a token whose secret was changed by one character', async () => {
		const user = await newUser('tamper@example.test');
		const { token } = await createSession(user.id);
		const last = token.at(-1) === 'a' ? 'b' : 'a';
		expect(await validateSessionToken(token.slice(0, -1) + last)).toBeNull();
		expect(await validateSessionToken('garbage')).toBeNull();
		expect(await validateSessionToken(`${token}.extra`)).toBeNull();
	});

	it('expire after the inactivity timeout and delete the row', async () => {
		const user = await newUser('expire@example.test');
		const { token, session } = await createSession(user.id);
		const later = new Date(session.lastVerifiedAt.getTime() + INACTIVITY_TIMEOUT_MS + 1000);
		expect(await validateSessionToken(token, later)).toBeNull();
		const left = await db()
			.select()
			.from(sessions)
			.where(sql`${sessions.id} = ${session.id}`);
		expect(left).toHaveLength(0);
	});

	it('slide the expiry forward when used', async () => {
		const user = await newUser('slide@example.test');
		const { token, session } = await createSession(user.id);
		const nearlyExpired = new Date(session.lastVerifiedAt.getTime() + INACTIVITY_TIMEOUT_MS - 60_000);
		const result = await validateSessionToken(token, nearlyExpired);
		expect(result?.refreshed).toBe(true);
		const afterOriginalExpiry = new Date(session.lastVerifiedAt.getTime() + INACTIVITY_TIMEOUT_MS + 60_000);
		expect(await validateSessionToken(token, afterOriginalExpiry)).not.toBeNull();
	});

	it('end every other session of a user but keep the current one', async () => {
		const user = await newUser('others@example.test');
		const current = await createSession(user.id);
		const other = await createSession(user.id);
		await invalidateUserSessions(user.id, current.session.id);
		expect(await validateSessionToken(current.token)).not.toBeNull();
		expect(await validateSessionToken(other.token)).toBeNull();
	});

	it('leave no token or secret in the database contents', async () => {
		const user = await newUser('dump@example.test');
		const { token } = await createSession(user.id);
		const secret = token.split('.')[1]!;
		const text = await everyRowAsText();
		expect(text).toContain(token.split('.')[0]);
		expect(text).not.toContain(secret);
		expect(text).not.toContain(token);
		const url = database().url;
		if (url) {
			// A real pg_dump of the PostgreSQL database, whole, as an operator would take it (ops/backup.ts).
			const dump = execFileSync('pg_dump', ['--no-owner', url], { encoding: 'utf8', maxBuffer: 64 << 20 });
			expect(dump).toContain('dump@example.test');
			expect(dump).not.toContain(secret);
		}
	});
});
