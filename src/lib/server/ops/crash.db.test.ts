// Nothing lost on a crash (issue 16): a process killed with SIGKILL in the middle of filing repairs
// with photos, and in the middle of a billing run, leaves no half-written case or bill; the bytes it
// stored for a case that never committed are orphans the daily sweep removes; the billing run, run
// again, finishes with every bill once. PostgreSQL only: the process killed is another OS process
// on the same database (the embedded database admits one process).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { database, db, queryRows } from '../db/client.ts';
import { bills, files, repairKinds, repairOrders } from '../db/schema/index.ts';
import { ensureDefaultDictionaries } from '../dictionaries/defaults.ts';
import { ensureDefaultCalendar } from '../calendar/store.ts';
import { runBilling } from '../fees/billing.ts';
import { billingEstate, setPrice } from '../fees/test-fixtures.ts';
import { reapOrphanFiles } from '../files/service.ts';
import * as fx from '../property/testing/fixtures.ts';
import { useStorage } from '../storage/configured.ts';
import { localDirectoryStorage } from '../storage/local-directory.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-crash-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * Starts tests/ops/crash-child.ts on this file's database and storage, and kills it with SIGKILL
 * once `killWhen` says so (checked at each line it prints and every 5 ms). Returns what it printed.
 */
function runThenKill(args: string[], killWhen: (lines: string[]) => boolean | Promise<boolean>): Promise<string[]> {
	const child = spawn(process.execPath, ['tests/ops/crash-child.ts', ...args], {
		env: { ...process.env, DATABASE_URL: database().url!, STORAGE_DIR: dir, LOG_LEVEL: 'silent', JOBS: 'off', SEED: 'false' },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const lines: string[] = [];
	child.stdout.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
	return new Promise((resolve, reject) => {
		let killed = false;
		const check = setInterval(() => {
			void Promise.resolve(killWhen(lines)).then((now) => {
				if (now && !killed) {
					killed = true;
					child.kill('SIGKILL');
				}
			}, reject);
		}, 5);
		const timeout = setTimeout(() => child.kill('SIGKILL'), 60_000);
		child.on('exit', (_code, signal) => {
			clearInterval(check);
			clearTimeout(timeout);
			if (signal !== 'SIGKILL') reject(new Error(`The process ended by itself before it was killed: ${lines.join(' | ')}`));
			else resolve(lines);
		});
	});
}

describe.runIf(process.env.TEST_DB === 'postgres')('a process killed with SIGKILL', () => {
	it('while filing repairs with photos leaves whole cases only, and orphan bytes the sweep removes', async () => {
		useStorage(localDirectoryStorage(dir));
		await ensureDefaultDictionaries(db());
		await ensureDefaultCalendar(db());
		const kindId = (await db().select().from(repairKinds)).find((k) => k.code === 'water_leak')!.id;
		const place = await fx.estate();
		const [unit] = await fx.unitsIn(await fx.building(place.id, 'A'), 1);
		const resident = await fx.residentUser('Chan Tai Man');
		await fx.occupy(unit!.id, { userId: resident.id });

		const lines = await runThenKill(['repairs', resident.id, unit!.id, kindId], (printed) => printed.length >= 3);
		expect(lines.length).toBeGreaterThanOrEqual(3);

		// Every case that exists is whole: its two photos, its first event.
		const cases = await db().select({ id: repairOrders.id }).from(repairOrders).where(eq(repairOrders.unitId, unit!.id));
		expect(cases.length).toBeGreaterThanOrEqual(3);
		for (const { id } of cases) {
			const photos = await db()
				.select({ key: files.storageKey })
				.from(files)
				.where(and(eq(files.subjectType, 'repair'), eq(files.subjectId, id)));
			expect(photos).toHaveLength(2);
			const [events] = await queryRows<{ n: number }>(
				db(),
				sql`select count(*)::int as n from events where subject_type = 'repair' and subject_id = ${id}`
			);
			expect(events!.n).toBeGreaterThan(0);
		}

		// Bytes stored for the case the kill interrupted have no row: the sweep removes them, and only them.
		const referenced = new Set((await db().select({ key: files.storageKey }).from(files)).map((f) => f.key));
		const stored = async () => {
			const keys: string[] = [];
			for await (const entry of localDirectoryStorage(dir).list()) keys.push(entry.key);
			return keys;
		};
		const orphans = (await stored()).filter((key) => !referenced.has(key));
		expect(await reapOrphanFiles({ olderThanMs: 0, now: new Date(Date.now() + 1000) })).toBe(orphans.length);
		expect((await stored()).sort()).toEqual([...referenced].sort());
		// …and nothing half-written is left beside them (a write is renamed into place whole).
		const leftovers: string[] = [];
		const walk = (at: string) => {
			for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
				if (entry.isDirectory()) walk(path.join(at, entry.name));
				else if (!referenced.has(entry.name)) leftovers.push(entry.name);
			}
		};
		walk(dir);
		expect(leftovers).toEqual([]);
	}, 120_000);

	it('in a billing run leaves whole bills only, and the run started again finishes with each bill once', async () => {
		const place = await billingEstate();
		await setPrice('management_residential', '2.50', '2026-01-01', place.estate.id);
		const count = 400;
		for (let i = 0; i < count; i++) await place.unit('60.00');
		const billed = async () =>
			(
				await queryRows<{ n: number }>(
					db(),
					sql`select count(*)::int as n from bills b join units u on u.id = b.unit_id where u.estate_id = ${place.estate.id}`
				)
			)[0]!.n;

		await runThenKill(['billing', place.estate.id, '2026-10'], async (printed) => printed.includes('started') && (await billed()) >= 20);
		const midway = await billed();
		expect(midway).toBeGreaterThanOrEqual(20);
		expect(midway).toBeLessThan(count);

		// Every bill the killed run wrote is whole: its lines and its one charge in the ledger.
		const whole = async () =>
			queryRows<{ id: string; lines: number; charges: number }>(
				db(),
				sql`select b.id, (select count(*)::int from bill_lines l where l.bill_id = b.id) as lines,
					(select count(*)::int from ledger_entries e where e.bill_id = b.id and e.kind = 'charge') as charges
					from bills b join units u on u.id = b.unit_id where u.estate_id = ${place.estate.id}`
			);
		for (const bill of await whole()) expect([bill.lines > 0, bill.charges]).toEqual([true, 1]);

		// Run again: it picks up where the killed one stopped; every unit billed once, nothing twice.
		const again = await runBilling({ estateId: place.estate.id, period: '2026-10', actor: null, now: new Date() });
		expect(again.bills).toBe(count - midway);
		const all = await whole();
		expect(all).toHaveLength(count);
		for (const bill of all) expect([bill.lines > 0, bill.charges]).toEqual([true, 1]);
		const [twice] = await queryRows<{ n: number }>(
			db(),
			sql`select count(*)::int as n from (select unit_id, period, party from bills group by 1, 2, 3 having count(*) > 1) d`
		);
		expect(twice!.n).toBe(0);
		expect(await db().select({ id: bills.id }).from(bills)).toHaveLength(count);
	}, 180_000);
});
