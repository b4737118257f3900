-- The API's actor cache (ADR 014) holds who is behind a token until the database says otherwise:
-- any change to what an actor is made of notifies `guichet_acteurs`, delivered at commit. The
-- token's last use (written once a minute by the API itself) and its creation change no actor.
CREATE FUNCTION notify_acteurs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('guichet_acteurs', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER api_tokens_notify_acteurs AFTER UPDATE OF user_id, token_hash, revoked_at OR DELETE OR TRUNCATE ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION notify_acteurs();
--> statement-breakpoint
CREATE TRIGGER users_notify_acteurs AFTER UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_acteurs();
--> statement-breakpoint
CREATE TRIGGER role_assignments_notify_acteurs AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION notify_acteurs();
