-- Reports keep each waiting passage's contribution under its queue mark (ADR 026), so they need
-- the contributions by passage. One definition: stat_contributions (the fold, the rebuild, the
-- verification) now sums this function's rows without the passage id.
CREATE FUNCTION stat_contributions_by_passage(p_ids uuid[])
 RETURNS TABLE(passage_id uuid, structure_id uuid, jour date, dimension text, valeur text, passages integer, sollicitations integer, duree_somme integer, duree_nombre integer, attente_somme integer, attente_nombre integer)
 LANGUAGE sql
 STABLE
AS $$
  WITH ids AS (SELECT DISTINCT unnest(p_ids) AS id),
  p AS (
    SELECT p.id, p.structure_id, (p.started_at AT TIME ZONE 'Europe/Paris')::date AS jour, p.canal, p.avec_rdv,
      p.tranche_age, p.genre, p.commune_residence, p.premiere_visite, p.agent_id, p.duree_minutes, p.attente_secondes,
      p.equip_poste, p.equip_imprimante, p.equip_scanner, p.equip_visio,
      (SELECT count(*) FROM sollicitations s WHERE s.passage_id = p.id)::int AS n
    FROM ids JOIN passages p ON p.id = ids.id
    WHERE p.deleted_at IS NULL
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
    SELECT s.* FROM ids JOIN sollicitations s ON s.passage_id = ids.id
  ),
  sollicitation_values AS (
    SELECT s.passage_id, 'partenaire' AS dimension, coalesce(sp.partner_key, 'local:' || sp.partenaire_local_id::text) AS valeur, s.id AS sollicitation_id
      FROM s JOIN sollicitation_partenaires sp ON sp.sollicitation_id = s.id
    UNION ALL SELECT s.passage_id, 'partenaire', 'hors_partenaires', s.id FROM s WHERE s.hors_partenaires
    UNION ALL SELECT s.passage_id, 'situation', ss.situation_key, s.id FROM s JOIN sollicitation_situations ss ON ss.sollicitation_id = s.id
    UNION ALL SELECT s.passage_id, 'domaine', r.domaine_key, s.id
      FROM s JOIN sollicitation_situations ss ON ss.sollicitation_id = s.id JOIN ref_situations r ON r.key = ss.situation_key
    UNION ALL SELECT s.passage_id, 'aide', a.aide_key, s.id FROM s JOIN sollicitation_aides a ON a.sollicitation_id = s.id
    UNION ALL SELECT s.passage_id, 'issue', s.issue, s.id FROM s
    UNION ALL SELECT s.passage_id, 'autonomie', s.autonomie, s.id FROM s
    UNION ALL SELECT s.passage_id, 'signalement', f.valeur, s.id
      FROM s CROSS JOIN LATERAL unnest(ARRAY[
        CASE WHEN s.situation_complexe THEN 'situation_complexe' END, CASE WHEN s.non_recours THEN 'non_recours' END,
        CASE WHEN s.difficulte_numerique THEN 'difficulte_numerique' END, CASE WHEN s.allophone THEN 'allophone' END,
        CASE WHEN s.handicap THEN 'handicap' END]) AS f (valeur)
      WHERE f.valeur IS NOT NULL
  )
  SELECT p.id, p.structure_id, p.jour, v.dimension, v.valeur, 1, p.n,
    coalesce(p.duree_minutes, 0), (p.duree_minutes IS NOT NULL)::int,
    coalesce(p.attente_secondes, 0), (p.attente_secondes IS NOT NULL)::int
  FROM passage_values v JOIN p ON p.id = v.id
  UNION ALL
  SELECT p.id, p.structure_id, p.jour, x.dimension, x.valeur, 1, x.n, 0, 0, 0, 0
  FROM (
    SELECT passage_id, dimension, valeur, count(DISTINCT sollicitation_id)::int AS n
    FROM sollicitation_values GROUP BY passage_id, dimension, valeur
  ) x JOIN p ON p.id = x.passage_id
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stat_contributions(p_ids uuid[])
 RETURNS TABLE(structure_id uuid, jour date, dimension text, valeur text, passages integer, sollicitations integer, duree_somme integer, duree_nombre integer, attente_somme integer, attente_nombre integer)
 LANGUAGE sql
 STABLE
AS $$
  SELECT c.structure_id, c.jour, c.dimension, c.valeur, c.passages, c.sollicitations, c.duree_somme, c.duree_nombre,
    c.attente_somme, c.attente_nombre
  FROM stat_contributions_by_passage(p_ids) c
$$;
