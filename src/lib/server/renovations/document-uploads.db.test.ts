import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyMembers } from '../db/schema/index.ts';
import { db } from '../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import * as fx from '../property/testing/fixtures.ts';
import { localDirectoryStorage } from '../storage/local-directory.ts';
import { useStorage } from '../storage/configured.ts';
import { startApplication } from './applications.ts';
import { renovationUploads } from './document-uploads.ts';
import { applicationDocuments } from './queries.ts';
import { drawingPdf } from './testing/drawings.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-renovation-uploads-'));
let member: Actor;
let colleague: Actor;
let applicationId: string;
let base: string;

const metadata = (fields: Record<string, string>) =>
	Object.entries(fields)
		.map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
		.join(',');

function tus(actor: Actor, method: string, url: string, headers: Record<string, string> = {}, body?: Uint8Array): Promise<Response> {
	const request = new Request(`http://localhost${url}`, {
		method,
		headers: { 'Tus-Resumable': '1.0.0', ...headers },
		body: body as BodyInit | undefined,
		duplex: 'half'
	} as RequestInit);
	return renovationUploads(actor, applicationId, request);
}

async function start(actor: Actor, size: number, fields: Record<string, string>): Promise<Response> {
	return tus(actor, 'POST', base, { 'Upload-Length': String(size), 'Upload-Metadata': metadata(fields) });
}

const send = (actor: Actor, location: string, offset: number, bytes: Uint8Array) =>
	tus(actor, 'PATCH', location, { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' }, bytes);

beforeAll(async () => {
	useStorage(localDirectoryStorage(dir));
	const e = await fx.estate();
	const b = await fx.building(e.id, 'T1');
	const [unit] = await fx.unitsIn(b, 1, 'office');
	const acme = await fx.company('Acme Uploads');
	const memberUser = await fx.residentUser('Member');
	const colleagueUser = await fx.residentUser('Colleague');
	await db()
		.insert(companyMembers)
		.values([
			{ companyId: acme.id, userId: memberUser.id, role: 'member' },
			{ companyId: acme.id, userId: colleagueUser.id, role: 'member' }
		]);
	await fx.occupy(unit!.id, { companyId: acme.id }, 'renter', '2024-01-01', '2099-12-31');
	member = await fx.actorOf(memberUser.id);
	colleague = await fx.actorOf(colleagueUser.id);
	applicationId = await startApplication(member, unit!.id);
	base = `/app/renovations/${applicationId}/uploads`;
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('resumable uploads of renovation documents', () => {
	it('takes a drawing in pieces, says how much arrived, and adds its sheets when the last piece is in', async () => {
		const pdf = await drawingPdf(2);
		const created = await start(member, pdf.byteLength, { filename: 'plans.pdf', kind: 'drawing' });
		expect(created.status).toBe(201);
		const location = created.headers.get('location')!;
		expect(location.startsWith(`${base}/`)).toBe(true);

		const half = Math.floor(pdf.byteLength / 2);
		expect((await send(member, location, 0, pdf.subarray(0, half))).status).toBe(204);
		const asked = await tus(member, 'HEAD', location);
		expect(asked.headers.get('upload-offset')).toBe(String(half));

		const last = await send(member, location, half, pdf.subarray(half));
		expect(last.status).toBe(200);
		const { ids } = (await last.json()) as { ids: string[] };
		expect(ids).toHaveLength(2);
		const sheets = (await applicationDocuments(applicationId)).filter((d) => d.kind === 'drawing');
		expect(sheets.map((s) => [s.sheet, s.name])).toEqual([
			[1, 'plans.pdf'],
			[2, 'plans.pdf']
		]);
		// The partial copy is gone once the file is kept.
		expect((await tus(member, 'HEAD', location)).status).toBe(404);
	});

	it('keeps an upload to the person who started it: a colleague on the same application gets 404 asking about it or sending to it', async () => {
		const created = await start(member, 1000, { filename: 'contract.pdf', kind: 'contract' });
		const location = created.headers.get('location')!;
		expect((await tus(colleague, 'HEAD', location)).status).toBe(404);
		expect((await send(colleague, location, 0, new Uint8Array(10))).status).toBe(404);
		expect((await tus(colleague, 'DELETE', location)).status).toBe(404);
		expect((await tus(member, 'HEAD', location)).headers.get('upload-offset')).toBe('0');
		// Its owner may give it up, and then it is gone.
		expect((await tus(member, 'DELETE', location)).status).toBe(204);
		expect((await tus(member, 'HEAD', location)).status).toBe(404);
	});

	it('refuses before the first byte an empty or oversize file and an unknown kind, and at the end a file that is not what it claims', async () => {
		const empty = await start(member, 0, { filename: 'empty.pdf', kind: 'contract' });
		expect(empty.status).toBe(422);
		expect(await empty.text()).toMatch(/empty/);
		const huge = await start(member, 60 * 1024 * 1024, { filename: 'huge.pdf', kind: 'drawing' });
		expect(huge.status).toBe(422);
		expect(await huge.text()).toMatch(/at most 50 MB/);
		expect((await start(member, 10, { filename: 'x.pdf', kind: 'photo' })).status).toBe(422);

		const fake = new TextEncoder().encode('MZ this is a program named like a drawing');
		const created = await start(member, fake.byteLength, { filename: 'plans.pdf', kind: 'drawing' });
		const refused = await send(member, created.headers.get('location')!, 0, fake);
		expect(refused.status).toBe(422);
		expect(await refused.text()).toContain('“plans.pdf” is a program');
		expect((await applicationDocuments(applicationId)).filter((d) => d.kind === 'drawing')).toHaveLength(2);
	});
});
