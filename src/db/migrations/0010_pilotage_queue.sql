CREATE TABLE "stat_queue" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"passage_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE INDEX "stat_queue_passage_idx" ON "stat_queue" USING btree ("passage_id");