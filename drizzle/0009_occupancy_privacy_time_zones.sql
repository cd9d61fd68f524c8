ALTER TABLE "emergency_contacts" ADD COLUMN "occupancy_id" uuid;--> statement-breakpoint
-- Estates existing before time zones were recorded were all run from Hong Kong.
ALTER TABLE "estates" ADD COLUMN "time_zone" text NOT NULL DEFAULT 'Asia/Hong_Kong';--> statement-breakpoint
ALTER TABLE "estates" ALTER COLUMN "time_zone" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "household_members" ADD COLUMN "occupancy_id" uuid;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "occupancy_id" uuid;--> statement-breakpoint
ALTER TABLE "emergency_contacts" ADD CONSTRAINT "emergency_contacts_occupancy_id_occupancies_id_fk" FOREIGN KEY ("occupancy_id") REFERENCES "public"."occupancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_occupancy_id_occupancies_id_fk" FOREIGN KEY ("occupancy_id") REFERENCES "public"."occupancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_occupancy_id_occupancies_id_fk" FOREIGN KEY ("occupancy_id") REFERENCES "public"."occupancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "emergency_contacts_occupancy" ON "emergency_contacts" USING btree ("occupancy_id");--> statement-breakpoint
CREATE INDEX "household_members_occupancy" ON "household_members" USING btree ("occupancy_id");--> statement-breakpoint
CREATE INDEX "repair_orders_occupancy_created" ON "repair_orders" USING btree ("occupancy_id","created_at");--> statement-breakpoint
-- A repair filed before cases had owners belongs to the requester's occupancy of the unit on the day it was filed.
UPDATE "repair_orders" r SET "occupancy_id" = (
	SELECT o."id" FROM "occupancies" o JOIN "estates" e ON e."id" = r."estate_id"
	WHERE o."unit_id" = r."unit_id"
		AND (o."user_id" = r."requester_id" OR o."company_id" IN (SELECT cm."company_id" FROM "company_members" cm WHERE cm."user_id" = r."requester_id"))
		AND o."starts_on" <= (r."created_at" AT TIME ZONE e."time_zone")::date
		AND (o."ends_on" IS NULL OR o."ends_on" >= (r."created_at" AT TIME ZONE e."time_zone")::date)
	ORDER BY o."starts_on" DESC LIMIT 1
) WHERE r."requester_id" IS NOT NULL;--> statement-breakpoint
-- Household members and emergency contacts recorded before belong to whoever lives there now: the renter if the flat is let.
UPDATE "household_members" h SET "occupancy_id" = (
	SELECT o."id" FROM "occupancies" o WHERE o."unit_id" = h."unit_id" AND (o."ends_on" IS NULL OR o."ends_on" >= current_date)
	ORDER BY (o."role" = 'renter') DESC, o."starts_on" LIMIT 1
);--> statement-breakpoint
UPDATE "emergency_contacts" c SET "occupancy_id" = (
	SELECT o."id" FROM "occupancies" o WHERE o."unit_id" = c."unit_id" AND (o."ends_on" IS NULL OR o."ends_on" >= current_date)
	ORDER BY (o."role" = 'renter') DESC, o."starts_on" LIMIT 1
);