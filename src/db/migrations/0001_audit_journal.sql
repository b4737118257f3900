-- The audit journal is append-only and hash-chained, both enforced by the database itself.

CREATE FUNCTION audit_entry_digest(
  p_prev_hash text, p_id bigint, p_at timestamptz, p_actor_id uuid, p_role text, p_structure_id uuid,
  p_action text, p_target_type text, p_target_id text, p_ip inet, p_user_agent text
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|',
    p_prev_hash,
    p_id::text,
    to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(p_actor_id::text, ''),
    coalesce(p_role, ''),
    coalesce(p_structure_id::text, ''),
    p_action,
    coalesce(p_target_type, ''),
    coalesce(p_target_id, ''),
    coalesce(host(p_ip), ''),
    coalesce(p_user_agent, '')
  ), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_hash text;
BEGIN
  -- Serialise writers so that id order is chain order, across every app node.
  PERFORM pg_advisory_xact_lock(727100001);
  NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
  SELECT hash INTO last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
  NEW.prev_hash := coalesce(last_hash, '');
  NEW.hash := audit_entry_digest(NEW.prev_hash, NEW.id, NEW.at, NEW.actor_id, NEW.role, NEW.structure_id,
    NEW.action, NEW.target_type, NEW.target_id, NEW.ip, NEW.user_agent);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
