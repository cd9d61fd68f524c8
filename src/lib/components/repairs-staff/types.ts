/** An appointment slot as the order page offers it (staff-choices.ts SlotChoice, serialised). */
export interface SlotOption {
	id: string;
	startsAt: Date;
	endsAt: Date;
	placesLeft: number;
	booked: boolean;
}
