-- Cheaper completeness rules for sollicitations and passages (0004), same refusals.
-- 1. The rule of a sollicitation ran once per row of each child table as well as once for the
--    sollicitation: five to eight checks for a typical new demand. A child row written in the same
--    transaction as its sollicitation needs no check of its own: the sollicitation's deferred trigger
--    (on INSERT or UPDATE) checks the final state at commit. The sollicitation's xmin tells it: it is
--    the current transaction's id exactly when this transaction inserted or updated the row (outside
--    a savepoint, where the check still runs). Children changed alone are still checked.
-- 2. Each rule is one query instead of five.
CREATE OR REPLACE FUNCTION accueil_check_sollicitation(p_id uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  problem text;
BEGIN
  SELECT CASE
      WHEN NOT EXISTS (SELECT 1 FROM sollicitation_aides a WHERE a.sollicitation_id = s.id) THEN 'sans type d''aide'
      WHEN s.hors_partenaires AND p.national + p.local > 0 THEN 'hors partenaires avec des partenaires'
      WHEN NOT s.hors_partenaires AND p.national + p.local = 0 THEN 'sans partenaire'
      WHEN NOT s.hors_partenaires AND NOT EXISTS (SELECT 1 FROM sollicitation_situations ss WHERE ss.sollicitation_id = s.id) THEN 'sans situation'
      -- A situation tied to national partners needs one of them, or a local partner.
      WHEN (s.hors_partenaires OR p.local = 0) AND EXISTS (
        SELECT 1 FROM sollicitation_situations ss
        WHERE ss.sollicitation_id = s.id
          AND EXISTS (SELECT 1 FROM ref_situation_partenaires r WHERE r.situation_key = ss.situation_key)
          AND NOT EXISTS (
            SELECT 1 FROM ref_situation_partenaires r
            JOIN sollicitation_partenaires sp ON sp.partner_key = r.partner_key AND sp.sollicitation_id = s.id
            WHERE r.situation_key = ss.situation_key)) THEN 'situation hors des partenaires'
    END
    INTO problem
    FROM sollicitations s,
      LATERAL (SELECT count(partner_key) AS national, count(partenaire_local_id) AS local
               FROM sollicitation_partenaires WHERE sollicitation_id = s.id) p
    WHERE s.id = p_id;
  IF problem IS NOT NULL THEN
    RAISE EXCEPTION 'sollicitation % %', p_id, problem USING ERRCODE = 'check_violation';
  END IF;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION accueil_child_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM 1 FROM sollicitations WHERE id = OLD.sollicitation_id AND xmin = pg_current_xact_id()::xid;
    IF NOT FOUND THEN PERFORM accueil_check_sollicitation(OLD.sollicitation_id); END IF;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND OLD.sollicitation_id <> NEW.sollicitation_id) THEN
    PERFORM 1 FROM sollicitations WHERE id = NEW.sollicitation_id AND xmin = pg_current_xact_id()::xid;
    IF NOT FOUND THEN PERFORM accueil_check_sollicitation(NEW.sollicitation_id); END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION accueil_passage_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM passages p WHERE p.id = NEW.id AND NOT EXISTS (SELECT 1 FROM sollicitations s WHERE s.passage_id = p.id);
  IF FOUND THEN
    RAISE EXCEPTION 'passage % sans sollicitation', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
