ALTER TABLE "stat_queue" ADD COLUMN "structure_id" uuid;--> statement-breakpoint
CREATE INDEX "stat_queue_structure_idx" ON "stat_queue" USING btree ("structure_id");--> statement-breakpoint
-- Each mark carries its passage's structure (ADR 023): a structure's or a département's report
-- reads only its own pending work through the index, whatever waits elsewhere in the network.
UPDATE "stat_queue" q SET "structure_id" = p."structure_id" FROM "passages" p WHERE p."id" = q."passage_id";--> statement-breakpoint
CREATE OR REPLACE FUNCTION stat_mark(p_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO stat_queue (passage_id, structure_id)
  SELECT u.id, p.structure_id FROM unnest(p_ids) AS u(id) LEFT JOIN passages p ON p.id = u.id
$$;
