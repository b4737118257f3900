-- Keyed audit chain (ADR 020): the application adds an HMAC, computed with a key the database never sees, over
-- each entry's hash and the previous entry's mac. To compute it before the insert, the application takes the
-- chain lock, draws the id itself and passes it with the mac; entries without a mac keep the old path.
ALTER TABLE "audit_log" ADD COLUMN "mac" text;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_hash text;
BEGIN
  -- Serialise writers so that id order is chain order, across every app node.
  PERFORM pg_advisory_xact_lock(727100001);
  -- A keyed entry comes with the id its writer drew under this same lock; any other entry gets the next one.
  IF NEW.mac IS NULL THEN
    NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
  END IF;
  SELECT hash INTO last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
  NEW.prev_hash := coalesce(last_hash, '');
  NEW.hash := audit_entry_digest(NEW.prev_hash, NEW.id, NEW.at, NEW.actor_id, NEW.role, NEW.structure_id,
    NEW.action, NEW.target_type, NEW.target_id, NEW.ip, NEW.user_agent);
  RETURN NEW;
END;
$$;
