// Test data for the complaint integration tests (not used by the app): an estate with a resident
// in a unit, the desk, a manager, an engineer and a security guard; real actors through loadActor.
import { randomUUID } from 'node:crypto';
import { db } from '../db/client.ts';
import { complaintKinds } from '../db/schema/index.ts';
import { actorFor, makeEstate, makeStaff, makeUnit, makeUser, occupy } from '../residents/test-fixtures.ts';

async function makeComplaintKind(code = `c${randomUUID().slice(0, 8)}`) {
	const [kind] = await db()
		.insert(complaintKinds)
		.values({ code, nameEn: `Kind ${code}`, nameZhHans: `类别 ${code}`, nameZhHant: `類別 ${code}` })
		.returning();
	return kind!;
}

export async function makeComplaintEstate(name = 'Harbour View') {
	const place = await makeEstate(name);
	const unit = await makeUnit(place, `${Math.floor(Math.random() * 30) + 1}A`);
	const resident = await makeUser('Chan Tai Man');
	await occupy(unit.id, { userId: resident.id });
	const desk = await makeStaff(`Desk ${name}`, ['customer_service'], [place.estate.id]);
	const colleague = await makeStaff(`Desk two ${name}`, ['customer_service'], [place.estate.id]);
	const manager = await makeStaff(`Manager ${name}`, ['manager'], [place.estate.id]);
	const engineer = await makeStaff(`Engineer ${name}`, ['engineering'], [place.estate.id]);
	const guard = await makeStaff(`Guard ${name}`, ['security'], [place.estate.id]);
	const kind = await makeComplaintKind();
	const actors = {
		resident: await actorFor(resident.id),
		desk: await actorFor(desk.id),
		colleague: await actorFor(colleague.id),
		manager: await actorFor(manager.id),
		engineer: await actorFor(engineer.id),
		guard: await actorFor(guard.id)
	};
	return { ...place, unit, resident, desk, colleague, manager, engineer, guard, kind, actors };
}

export const complaintInput = (place: Awaited<ReturnType<typeof makeComplaintEstate>>) => ({
	unitId: place.unit.id,
	kindId: place.kind.id,
	location: 'unit' as const,
	locationDetail: '',
	content: 'The lobby guard was rude to my visitor this morning.',
	complainantName: 'Chan Tai Man',
	companyName: '',
	phone: '+852 9123 4567'
});
