/** A current occupant of the unit with an account, whom the desk may name as the case's requester. */
export type Occupant = { id: string; name: string; phone: string; role: 'owner' | 'renter' };

/** A building of the staff member's estates, as the unit lookup offers it. */
export type LookupBuilding = { id: string; code: string; name: string; estateId: string; estateCode: string; estateName: string };
