/** One event of a record's life as the services hand it to pages (events/service.ts timelines). */
export interface TimelineEntry {
	id: number;
	at: Date;
	kind: string;
	from: string | null;
	to: string | null;
	note: string;
	actorName: string | null;
}

/** An entry with the facts the event carries, for timelines that show them. */
export type TimelineEntryWithData = TimelineEntry & { data: Record<string, unknown> };
