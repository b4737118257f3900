-- Reference keys (mirrors of src/referentiel; checked by src/referentiel/reference-tables.test.ts).
INSERT INTO ref_partenaires (key) VALUES ('france_travail'), ('caf'), ('assurance_maladie'), ('assurance_retraite'), ('msa'), ('dgfip'), ('france_titres'), ('justice'), ('la_poste'), ('cheque_energie'), ('anah'), ('urssaf');
--> statement-breakpoint
INSERT INTO ref_situations (key, domaine_key) VALUES ('preparer_retraite', 'formation_emploi_retraite'), ('chercher_emploi', 'formation_emploi_retraite'), ('affilie_msa', 'formation_emploi_retraite'), ('informations_jeunesse', 'formation_emploi_retraite'), ('rembourser_soins', 'prevention_sante'), ('situation_handicap', 'prevention_sante'), ('prendre_soin_sante', 'prevention_sante'), ('perte_proche', 'etat_civil_famille'), ('papiers_identite', 'etat_civil_famille'), ('naissance', 'etat_civil_famille'), ('litige_conflit', 'justice'), ('victime_infraction', 'justice'), ('declarer_impots', 'budget'), ('difficultes_financieres', 'budget'), ('litige_consommation', 'budget'), ('deplacement', 'logement_mobilite_courrier'), ('energie', 'logement_mobilite_courrier'), ('service_postal', 'logement_mobilite_courrier'), ('allocation_logement', 'logement_mobilite_courrier');
--> statement-breakpoint
INSERT INTO ref_situation_partenaires (situation_key, partner_key) VALUES ('preparer_retraite', 'assurance_retraite'), ('preparer_retraite', 'msa'), ('chercher_emploi', 'france_travail'), ('affilie_msa', 'msa'), ('rembourser_soins', 'assurance_maladie'), ('rembourser_soins', 'msa'), ('rembourser_soins', 'urssaf'), ('perte_proche', 'assurance_maladie'), ('perte_proche', 'caf'), ('perte_proche', 'msa'), ('papiers_identite', 'france_titres'), ('naissance', 'assurance_maladie'), ('naissance', 'caf'), ('naissance', 'msa'), ('litige_conflit', 'justice'), ('victime_infraction', 'justice'), ('declarer_impots', 'dgfip'), ('difficultes_financieres', 'caf'), ('difficultes_financieres', 'assurance_maladie'), ('deplacement', 'france_titres'), ('energie', 'cheque_energie'), ('energie', 'anah'), ('service_postal', 'la_poste'), ('allocation_logement', 'caf');
--> statement-breakpoint
INSERT INTO ref_types_aide (key) VALUES ('information'), ('mise_en_relation'), ('demarche_en_ligne'), ('outils_numeriques'), ('dossier_administratif');
--> statement-breakpoint
-- Rules that span several tables, checked at commit (deferred constraint triggers), so that no bug
-- can store a sollicitation without a kind of help, a passage without sollicitation, or a
-- situation that none of the sollicitation's partners deals with.
CREATE FUNCTION accueil_check_sollicitation(p_id uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  s record;
  partner_count int;
  local_count int;
  bad_situation text;
BEGIN
  SELECT * INTO s FROM sollicitations WHERE id = p_id;
  IF NOT FOUND THEN RETURN; END IF;
  IF NOT EXISTS (SELECT 1 FROM sollicitation_aides WHERE sollicitation_id = p_id) THEN
    RAISE EXCEPTION 'sollicitation % sans type d''aide', p_id USING ERRCODE = 'check_violation';
  END IF;
  SELECT count(partner_key), count(partenaire_local_id) INTO partner_count, local_count
    FROM sollicitation_partenaires WHERE sollicitation_id = p_id;
  IF s.hors_partenaires AND partner_count + local_count > 0 THEN
    RAISE EXCEPTION 'sollicitation % hors partenaires avec des partenaires', p_id USING ERRCODE = 'check_violation';
  END IF;
  IF NOT s.hors_partenaires AND partner_count + local_count = 0 THEN
    RAISE EXCEPTION 'sollicitation % sans partenaire', p_id USING ERRCODE = 'check_violation';
  END IF;
  IF NOT s.hors_partenaires AND NOT EXISTS (SELECT 1 FROM sollicitation_situations WHERE sollicitation_id = p_id) THEN
    RAISE EXCEPTION 'sollicitation % sans situation', p_id USING ERRCODE = 'check_violation';
  END IF;
  -- A situation tied to national partners needs one of them, or a local partner.
  SELECT ss.situation_key INTO bad_situation
    FROM sollicitation_situations ss
    WHERE ss.sollicitation_id = p_id
      AND EXISTS (SELECT 1 FROM ref_situation_partenaires r WHERE r.situation_key = ss.situation_key)
      AND (s.hors_partenaires OR local_count = 0)
      AND NOT EXISTS (
        SELECT 1 FROM ref_situation_partenaires r
        JOIN sollicitation_partenaires sp ON sp.partner_key = r.partner_key AND sp.sollicitation_id = p_id
        WHERE r.situation_key = ss.situation_key)
    LIMIT 1;
  IF bad_situation IS NOT NULL THEN
    RAISE EXCEPTION 'situation % hors des partenaires de la sollicitation %', bad_situation, p_id USING ERRCODE = 'check_violation';
  END IF;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION accueil_check_passage(p_id uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM passages WHERE id = p_id) AND NOT EXISTS (SELECT 1 FROM sollicitations WHERE passage_id = p_id) THEN
    RAISE EXCEPTION 'passage % sans sollicitation', p_id USING ERRCODE = 'check_violation';
  END IF;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION accueil_sollicitation_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM accueil_check_passage(OLD.passage_id);
  ELSE
    PERFORM accueil_check_sollicitation(NEW.id);
    IF TG_OP = 'UPDATE' AND OLD.passage_id <> NEW.passage_id THEN PERFORM accueil_check_passage(OLD.passage_id); END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION accueil_child_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM accueil_check_sollicitation(OLD.sollicitation_id); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM accueil_check_sollicitation(NEW.sollicitation_id); END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION accueil_passage_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM accueil_check_passage(NEW.id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER passages_have_sollicitations AFTER INSERT ON passages DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accueil_passage_trigger();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER sollicitations_complete AFTER INSERT OR UPDATE OR DELETE ON sollicitations DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accueil_sollicitation_trigger();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER sollicitation_partenaires_complete AFTER INSERT OR UPDATE OR DELETE ON sollicitation_partenaires DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accueil_child_trigger();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER sollicitation_situations_complete AFTER INSERT OR UPDATE OR DELETE ON sollicitation_situations DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accueil_child_trigger();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER sollicitation_aides_complete AFTER INSERT OR UPDATE OR DELETE ON sollicitation_aides DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accueil_child_trigger();
