// A process the crash test (src/lib/server/ops/crash.db.test.ts) kills with SIGKILL in the middle of
// its work. `repairs <userId> <unitId> <kindId>`: files repairs with two photos each, for ever,
// printing "filed" after each. `billing <estateId> <period>`: the billing run in batches of two units.
// The database and the file storage come from the environment (DATABASE_URL, STORAGE_DIR).
const [mode, ...args] = process.argv.slice(2);
const { openDatabase } = await import('../../src/lib/server/db/client.ts');
await openDatabase();

if (mode === 'billing') {
	const { runBilling } = await import('../../src/lib/server/fees/billing.ts');
	process.stdout.write('started\n');
	await runBilling({ estateId: args[0]!, period: args[1]!, actor: null, batchSize: 2, now: new Date() });
	process.stdout.write('finished\n');
	process.exit(0);
}

const { loadActor } = await import('../../src/lib/server/auth/actor.ts');
const { fileRepair } = await import('../../src/lib/server/repairs/intake.ts');
const { file, phoneJpeg } = await import('../../src/lib/server/files/test-images.ts');
const actor = (await loadActor(args[0]!, null))!;
const jpeg = await phoneJpeg({ width: 1200, height: 900 });
for (let n = 1; ; n++) {
	await fileRepair(
		actor,
		{
			unitId: args[1]!,
			kindId: args[2]!,
			location: 'unit',
			locationDetail: '',
			description: `Tap dripping in the kitchen, report ${n}`,
			contactName: 'Chan Tai Man',
			contactPhone: '+852 9123 4567',
			enterWhenAbsent: false,
			accessNotes: '',
			appointment: 'call',
			slotId: ''
		} as never,
		[file(jpeg, `kitchen-${n}a.jpg`), file(jpeg, `kitchen-${n}b.jpg`)]
	);
	process.stdout.write('filed\n');
}
