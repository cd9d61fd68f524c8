import type { PageServerLoad } from './$types';
import { passReference, permitReference } from '#lib/references.ts';
import { verifyCode } from '#lib/server/renovations/permits.ts';

/**
 * What a construction permit's QR code opens, for anyone (a guard at the door, a neighbour): whether
 * the code is a permit (or a worker pass) this office issued and, if so, its status today — a
 * pass is good while its application's permit in force is. An unknown code is an
 * answer too ("not a permit we issued"), not an error.
 */
export const load = (async ({ params }) => {
	const permit = await verifyCode(params.code);
	return {
		permit: permit
			? {
					reference: permitReference(permit.seq),
					status: permit.status,
					validFrom: permit.validFrom,
					validTo: permit.validTo,
					estateName: permit.estateName,
					unitNumber: permit.unitNumber,
					contractorCompany: permit.contractorCompany,
					worker: permit.worker
						? { reference: passReference(permit.worker.seq), name: permit.worker.name, idLast4: permit.worker.idLast4 }
						: null
				}
			: null
	};
}) satisfies PageServerLoad;
