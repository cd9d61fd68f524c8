CREATE TYPE "public"."fee_payer" AS ENUM('owner', 'occupant', 'requester');--> statement-breakpoint
CREATE TABLE "open_checkouts" (
	"bill_id" uuid PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL
);
--> statement-breakpoint
DROP INDEX "bills_unit_period";--> statement-breakpoint
-- Bills, payments, ledger entries and refunds from before parties were recorded are the owner's:
-- the owner answers for the unit's account. (ADD COLUMN … DEFAULT writes no rows, so the
-- ledger's append-only trigger is not involved.)
ALTER TABLE "bills" ADD COLUMN "party" "occupancy_role" NOT NULL DEFAULT 'owner';--> statement-breakpoint
ALTER TABLE "bills" ALTER COLUMN "party" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "bills" ADD COLUMN "occupancy_id" uuid;--> statement-breakpoint
ALTER TABLE "fee_items" ADD COLUMN "payer" "fee_payer" NOT NULL DEFAULT 'owner';--> statement-breakpoint
-- The defaults by kind: the management fee bills the owner, energy the occupant, the rest whoever asked.
UPDATE "fee_items" SET "payer" = CASE WHEN "kind" = 'management' THEN 'owner' WHEN "kind" IN ('water', 'electricity') THEN 'occupant' ELSE 'requester' END::"fee_payer";--> statement-breakpoint
ALTER TABLE "fee_items" ALTER COLUMN "payer" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "party" "occupancy_role" NOT NULL DEFAULT 'owner';--> statement-breakpoint
ALTER TABLE "ledger_entries" ALTER COLUMN "party" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "party" "occupancy_role" NOT NULL DEFAULT 'owner';--> statement-breakpoint
ALTER TABLE "payments" ALTER COLUMN "party" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "checkout_url" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "party" "occupancy_role" NOT NULL DEFAULT 'owner';--> statement-breakpoint
ALTER TABLE "refunds" ALTER COLUMN "party" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "open_checkouts" ADD CONSTRAINT "open_checkouts_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_checkouts" ADD CONSTRAINT "open_checkouts_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "open_checkouts_payment" ON "open_checkouts" USING btree ("payment_id");--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_occupancy_id_occupancies_id_fk" FOREIGN KEY ("occupancy_id") REFERENCES "public"."occupancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bills_unit_period_party" ON "bills" USING btree ("unit_id","period","party") WHERE "bills"."source" = 'billing_run';--> statement-breakpoint
-- Checkouts pending now keep their bills, the oldest first (an older duplicate keeps the bill).
INSERT INTO "open_checkouts" ("bill_id", "payment_id")
	SELECT pa."bill_id", pa."payment_id" FROM "payment_allocations" pa JOIN "payments" p ON p."id" = pa."payment_id"
	WHERE p."state" = 'pending' AND p."provider" <> 'counter' ORDER BY p."created_at"
	ON CONFLICT DO NOTHING;
