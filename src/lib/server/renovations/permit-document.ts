/**
 * A permit's (or a worker pass's) PDF for whoever may see its application (the applicant side and the estate's staff):
 * gathered from the application, its unit and party, and the three permit signatures, then drawn
 * by permit-pdf.ts. Everyone else gets 404, as for a permit that does not exist.
 */
import { error } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { getLocale, type Locale } from '#lib/paraglide/runtime.js';
import { listText } from '#lib/list-text.ts';
import { passReference, permitReference, renovationReference } from '#lib/references.ts';
import { departmentLabel, workLabel } from '#lib/renovation-labels.ts';
import type { Actor } from '../auth/actor.ts';
import { config } from '../config.ts';
import { db } from '../db/client.ts';
import {
	estates,
	files,
	occupancies,
	renovationPermits,
	renovationSignatures,
	renovationWorkerPasses,
	residentCompanies,
	units,
	users
} from '../db/schema/index.ts';
import { fileBytes } from '../files/service.ts';
import { renderPassPdf } from './pass-pdf.ts';
import { isUuid } from '../kernel/ids.ts';
import { loadApplication } from './access.ts';
import { renderPermitPdf } from './permit-pdf.ts';
import { permitSigners } from './signatures.ts';

/** Where a permit's QR code leads. */
function verifyUrl(code: string): string {
	return `${config().origin}/verify/${code}`;
}

/** A worker pass's PDF for whoever may see its application; 404 for everyone else. */
export async function passPdfFor(
	actor: Actor,
	passId: string,
	locale: Locale = getLocale()
): Promise<{ pdf: Uint8Array; filename: string }> {
	if (!isUuid(passId)) error(404, 'Not found');
	const [pass] = await db().select().from(renovationWorkerPasses).where(eq(renovationWorkerPasses.id, passId));
	if (!pass) error(404, 'Not found');
	const { application } = await loadApplication(db(), actor, pass.applicationId);
	const [permit] = await db().select().from(renovationPermits).where(eq(renovationPermits.id, pass.permitId));
	const [place] = await db()
		.select({ estateName: estates.name, unitNumber: units.number })
		.from(units)
		.innerJoin(estates, eq(estates.id, units.estateId))
		.where(eq(units.id, application.unitId));
	const [photo] = await db().select().from(files).where(eq(files.id, pass.photoFileId));
	const number = passReference(pass.seq);
	const pdf = await renderPassPdf({
		number,
		permitNumber: permitReference(permit!.seq),
		verifyUrl: verifyUrl(pass.code),
		name: pass.name,
		idLast4: pass.idLast4,
		photo: photo ? await fileBytes(photo) : null,
		estateName: place!.estateName,
		unitNumber: place!.unitNumber,
		contractorCompany: application.contractorCompany,
		validTo: permit!.validTo,
		locale
	});
	return { pdf, filename: `${number}-${renovationReference(application.seq)}.pdf` };
}

export async function permitPdfFor(
	actor: Actor,
	permitId: string,
	locale: Locale = getLocale()
): Promise<{ pdf: Uint8Array; filename: string }> {
	if (!isUuid(permitId)) error(404, 'Not found');
	const [permit] = await db().select().from(renovationPermits).where(eq(renovationPermits.id, permitId));
	if (!permit) error(404, 'Not found');
	const { application } = await loadApplication(db(), actor, permit.applicationId);
	const [place] = await db()
		.select({
			estateName: estates.name,
			timeZone: estates.timeZone,
			unitNumber: units.number,
			company: residentCompanies.name,
			person: users.name
		})
		.from(occupancies)
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.innerJoin(estates, eq(estates.id, units.estateId))
		.leftJoin(residentCompanies, eq(residentCompanies.id, occupancies.companyId))
		.leftJoin(users, eq(users.id, occupancies.userId))
		.where(eq(occupancies.id, application.occupancyId));
	const signatures = await db()
		.select({ signer: renovationSignatures.signer, name: renovationSignatures.signedName, signedAt: renovationSignatures.signedAt })
		.from(renovationSignatures)
		.where(and(eq(renovationSignatures.applicationId, application.id), eq(renovationSignatures.paper, 'permit')));
	const number = permitReference(permit.seq);
	const pdf = await renderPermitPdf({
		number,
		applicationReference: renovationReference(application.seq),
		verifyUrl: verifyUrl(permit.code),
		code: permit.code,
		issuedAt: permit.issuedAt,
		validFrom: permit.validFrom,
		validTo: permit.validTo,
		estateName: place!.estateName,
		unitNumber: place!.unitNumber,
		applicant: place!.company ?? place!.person ?? '',
		contractorCompany: application.contractorCompany,
		contractorLicence: application.contractorLicence,
		contractorGrade: application.contractorGrade,
		works: (locale) =>
			listText(
				application.works.map((work) => workLabel[work]({}, { locale })),
				locale
			),
		scope: application.scope,
		areaM2: application.areaM2,
		signatures: permitSigners.flatMap((department) => {
			const signature = signatures.find((s) => s.signer === department);
			return signature
				? [
						{
							department: (locale: Locale) => departmentLabel[department]({}, { locale }),
							name: signature.name,
							signedAt: signature.signedAt
						}
					]
				: [];
		}),
		locale,
		timeZone: place!.timeZone
	});
	return { pdf, filename: `${number}-${renovationReference(application.seq)}.pdf` };
}
