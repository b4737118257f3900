-- Writers no longer compute contributions: they mark passages (stat_queue) and the fold computes
-- them from their current state (ADR 010). A faster stat_contributions that looks children up by index.
CREATE OR REPLACE FUNCTION stat_contributions(p_ids uuid[])
 RETURNS TABLE(structure_id uuid, jour date, dimension text, valeur text, passages integer, sollicitations integer, duree_somme integer, duree_nombre integer, attente_somme integer, attente_nombre integer)
 LANGUAGE sql
 STABLE
AS $$
  WITH p AS (
    SELECT p.id, p.structure_id, (p.started_at AT TIME ZONE 'Europe/Paris')::date AS jour, p.canal, p.avec_rdv,
      p.tranche_age, p.genre, p.commune_residence, p.premiere_visite, p.agent_id, p.duree_minutes, p.attente_secondes,
      p.equip_poste, p.equip_imprimante, p.equip_scanner, p.equip_visio,
      (SELECT count(*) FROM sollicitations s WHERE s.passage_id = p.id)::int AS n
    FROM passages p
    WHERE p.id = ANY (p_ids) AND p.deleted_at IS NULL
  ),
  passage_values AS (
    SELECT p.id, v.dimension, v.valeur
    FROM p CROSS JOIN LATERAL (VALUES
      ('total', ''),
      ('canal', p.canal),
      ('rdv', CASE WHEN p.avec_rdv THEN 'avec' ELSE 'sans' END),
      ('tranche_age', coalesce(p.tranche_age, 'non_renseigne')),
      ('genre', coalesce(p.genre, 'non_renseigne')),
      ('commune', coalesce(p.commune_residence, 'non_renseigne')),
      ('premiere_visite', CASE WHEN p.premiere_visite IS NULL THEN 'non_renseigne' WHEN p.premiere_visite THEN 'oui' ELSE 'non' END),
      ('agent', p.agent_id::text),
      ('duree', CASE WHEN p.duree_minutes IS NULL THEN 'non_renseignee' WHEN p.duree_minutes <= 15 THEN '0_15'
        WHEN p.duree_minutes <= 30 THEN '16_30' WHEN p.duree_minutes <= 60 THEN '31_60' ELSE '61_plus' END),
      ('attente', CASE WHEN p.attente_secondes IS NULL THEN 'non_mesuree' WHEN p.attente_secondes <= 300 THEN '0_5'
        WHEN p.attente_secondes <= 900 THEN '6_15' WHEN p.attente_secondes <= 1800 THEN '16_30' ELSE '31_plus' END)
    ) AS v (dimension, valeur)
    UNION ALL
    SELECT p.id, 'equipement', e.valeur
    FROM p CROSS JOIN LATERAL unnest(ARRAY[
      CASE WHEN p.equip_poste THEN 'poste' END, CASE WHEN p.equip_imprimante THEN 'imprimante' END,
      CASE WHEN p.equip_scanner THEN 'scanner' END, CASE WHEN p.equip_visio THEN 'visio' END]) AS e (valeur)
    WHERE e.valeur IS NOT NULL
  ),
  s AS MATERIALIZED (
    SELECT s.* FROM sollicitations s WHERE s.passage_id = ANY (p_ids)
  ),
  s_ids AS (SELECT ARRAY(SELECT id FROM s) AS ids),
  sollicitation_values AS (
    SELECT s.passage_id, 'partenaire' AS dimension, coalesce(sp.partner_key, 'local:' || sp.partenaire_local_id::text) AS valeur, s.id AS sollicitation_id
      FROM s JOIN sollicitation_partenaires sp ON sp.sollicitation_id = s.id AND sp.sollicitation_id = ANY ((SELECT ids FROM s_ids)::uuid[])
    UNION ALL SELECT s.passage_id, 'partenaire', 'hors_partenaires', s.id FROM s WHERE s.hors_partenaires
    UNION ALL SELECT s.passage_id, 'situation', ss.situation_key, s.id FROM s JOIN sollicitation_situations ss ON ss.sollicitation_id = s.id AND ss.sollicitation_id = ANY ((SELECT ids FROM s_ids)::uuid[])
    UNION ALL SELECT s.passage_id, 'domaine', r.domaine_key, s.id
      FROM s JOIN sollicitation_situations ss ON ss.sollicitation_id = s.id AND ss.sollicitation_id = ANY ((SELECT ids FROM s_ids)::uuid[]) JOIN ref_situations r ON r.key = ss.situation_key
    UNION ALL SELECT s.passage_id, 'aide', a.aide_key, s.id FROM s JOIN sollicitation_aides a ON a.sollicitation_id = s.id AND a.sollicitation_id = ANY ((SELECT ids FROM s_ids)::uuid[])
    UNION ALL SELECT s.passage_id, 'issue', s.issue, s.id FROM s
    UNION ALL SELECT s.passage_id, 'autonomie', s.autonomie, s.id FROM s
    UNION ALL SELECT s.passage_id, 'signalement', f.valeur, s.id
      FROM s CROSS JOIN LATERAL unnest(ARRAY[
        CASE WHEN s.situation_complexe THEN 'situation_complexe' END, CASE WHEN s.non_recours THEN 'non_recours' END,
        CASE WHEN s.difficulte_numerique THEN 'difficulte_numerique' END, CASE WHEN s.allophone THEN 'allophone' END,
        CASE WHEN s.handicap THEN 'handicap' END]) AS f (valeur)
      WHERE f.valeur IS NOT NULL
  )
  SELECT p.structure_id, p.jour, v.dimension, v.valeur, 1, p.n,
    coalesce(p.duree_minutes, 0), (p.duree_minutes IS NOT NULL)::int,
    coalesce(p.attente_secondes, 0), (p.attente_secondes IS NOT NULL)::int
  FROM passage_values v JOIN p ON p.id = v.id
  UNION ALL
  SELECT p.structure_id, p.jour, x.dimension, x.valeur, 1, x.n, 0, 0, 0, 0
  FROM (
    SELECT passage_id, dimension, valeur, count(DISTINCT sollicitation_id)::int AS n
    FROM sollicitation_values GROUP BY passage_id, dimension, valeur
  ) x JOIN p ON p.id = x.passage_id
$$

;
--> statement-breakpoint
-- After recording or changing passages: mark them for the next fold.
CREATE FUNCTION stat_mark(p_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO stat_queue (passage_id) SELECT unnest(p_ids)
$$;
--> statement-breakpoint
-- Before changing or deleting a passage: if it waits in the queue, its old state was never folded
-- (drop the mark); otherwise subtract its folded contribution now, from its current state.
CREATE FUNCTION stat_before_change(p_id uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  unfolded int;
BEGIN
  DELETE FROM stat_queue WHERE passage_id = p_id;
  GET DIAGNOSTICS unfolded = ROW_COUNT;
  IF unfolded = 0 THEN
    PERFORM stat_enqueue(ARRAY[p_id], -1);
  END IF;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stat_fold() RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  folded int;
BEGIN
  WITH q AS (
    DELETE FROM stat_queue RETURNING passage_id
  ),
  explicit AS (
    DELETE FROM stat_deltas RETURNING structure_id, jour, dimension, valeur, passages, sollicitations, duree_somme, duree_nombre, attente_somme, attente_nombre
  ),
  d AS (
    SELECT * FROM explicit
    UNION ALL
    SELECT c.structure_id, c.jour, c.dimension, c.valeur, c.passages, c.sollicitations, c.duree_somme, c.duree_nombre, c.attente_somme, c.attente_nombre
    FROM stat_contributions(ARRAY(SELECT DISTINCT passage_id FROM q)) c
  ),
  agg AS (
    SELECT d.structure_id, d.jour, d.dimension, d.valeur, sum(d.passages)::int AS passages,
      sum(d.sollicitations)::int AS sollicitations, sum(d.duree_somme)::int AS duree_somme,
      sum(d.duree_nombre)::int AS duree_nombre, sum(d.attente_somme)::int AS attente_somme,
      sum(d.attente_nombre)::int AS attente_nombre, count(*)::int AS n
    FROM d GROUP BY d.structure_id, d.jour, d.dimension, d.valeur
  ),
  jour AS (
    INSERT INTO stat_jour AS t (structure_id, jour, dimension, valeur, passages, sollicitations, duree_somme, duree_nombre, attente_somme, attente_nombre)
    SELECT structure_id, jour, dimension, valeur, passages, sollicitations, duree_somme, duree_nombre, attente_somme, attente_nombre FROM agg
    ON CONFLICT (structure_id, jour, dimension, valeur) DO UPDATE SET
      passages = t.passages + excluded.passages, sollicitations = t.sollicitations + excluded.sollicitations,
      duree_somme = t.duree_somme + excluded.duree_somme, duree_nombre = t.duree_nombre + excluded.duree_nombre,
      attente_somme = t.attente_somme + excluded.attente_somme, attente_nombre = t.attente_nombre + excluded.attente_nombre
  ),
  mois AS (
    INSERT INTO stat_mois AS t (structure_id, mois, dimension, valeur, passages, sollicitations, duree_somme, duree_nombre, attente_somme, attente_nombre)
    SELECT structure_id, date_trunc('month', jour)::date, dimension, valeur, sum(passages), sum(sollicitations), sum(duree_somme),
      sum(duree_nombre), sum(attente_somme), sum(attente_nombre)
    FROM agg GROUP BY structure_id, date_trunc('month', jour)::date, dimension, valeur
    ON CONFLICT (structure_id, mois, dimension, valeur) DO UPDATE SET
      passages = t.passages + excluded.passages, sollicitations = t.sollicitations + excluded.sollicitations,
      duree_somme = t.duree_somme + excluded.duree_somme, duree_nombre = t.duree_nombre + excluded.duree_nombre,
      attente_somme = t.attente_somme + excluded.attente_somme, attente_nombre = t.attente_nombre + excluded.attente_nombre
  ),
  departement AS (
    INSERT INTO stat_mois_departement AS t (departement, format, mois, dimension, valeur, passages, sollicitations, duree_somme, duree_nombre, attente_somme, attente_nombre)
    SELECT st.departement, st.format, date_trunc('month', agg.jour)::date, agg.dimension, agg.valeur, sum(agg.passages), sum(agg.sollicitations),
      sum(agg.duree_somme), sum(agg.duree_nombre), sum(agg.attente_somme), sum(agg.attente_nombre)
    FROM agg JOIN structures st ON st.id = agg.structure_id
    WHERE agg.dimension NOT IN ('agent', 'commune')
    GROUP BY st.departement, st.format, date_trunc('month', agg.jour)::date, agg.dimension, agg.valeur
    ON CONFLICT (departement, format, mois, dimension, valeur) DO UPDATE SET
      passages = t.passages + excluded.passages, sollicitations = t.sollicitations + excluded.sollicitations,
      duree_somme = t.duree_somme + excluded.duree_somme, duree_nombre = t.duree_nombre + excluded.duree_nombre,
      attente_somme = t.attente_somme + excluded.attente_somme, attente_nombre = t.attente_nombre + excluded.attente_nombre
  ),
  departement_jour AS (
    INSERT INTO stat_jour_departement AS t (departement, format, jour, passages, sollicitations)
    SELECT st.departement, st.format, agg.jour, sum(agg.passages), sum(agg.sollicitations)
    FROM agg JOIN structures st ON st.id = agg.structure_id
    WHERE agg.dimension = 'total'
    GROUP BY st.departement, st.format, agg.jour
    ON CONFLICT (departement, format, jour) DO UPDATE SET
      passages = t.passages + excluded.passages, sollicitations = t.sollicitations + excluded.sollicitations
  )
  SELECT coalesce(sum(n), 0)::int INTO folded FROM agg;
  RETURN folded;
END;
$$;
