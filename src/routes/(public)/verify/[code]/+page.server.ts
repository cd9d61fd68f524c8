import type { PageServerLoad } from './$types';
import { permitReference } from '#lib/references.ts';
import { verifyPermit } from '#lib/server/renovations/permits.ts';

/**
 * What a construction permit's QR code opens, for anyone (a guard at the door, a neighbour): whether
 * the code is a permit this office issued and, if so, its status today. An unknown code is an
 * answer too ("not a permit we issued"), not an error.
 */
export const load = (async ({ params }) => {
	const permit = await verifyPermit(params.code);
	return {
		permit: permit
			? {
					reference: permitReference(permit.seq),
					status: permit.status,
					validFrom: permit.validFrom,
					validTo: permit.validTo,
					estateName: permit.estateName,
					unitNumber: permit.unitNumber,
					contractorCompany: permit.contractorCompany
				}
			: null
	};
}) satisfies PageServerLoad;
