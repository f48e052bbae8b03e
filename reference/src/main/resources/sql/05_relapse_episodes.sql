-- =============================================================================================
-- 05  Relapse episodes
--
-- indicators.md RELAPSE_RATE and "Precise rules / Stays and outcomes":
--   * episodes form only from RELAPSE events inside an enrolment (dated within one)
--   * a RELAPSE within 6 days after the start of the person's previous counted episode joins
--     that episode (relapse date - episode start <= 6), otherwise it starts a new episode
--   * episodes chain across a person's enrolments; an episode is dated on its start and belongs
--     to the enrolment active on that date
--
-- Produces
--   relapse_episodes  person_id, episode_start, enrolment_id, site_id, programme, arm
-- =============================================================================================

CREATE TABLE relapses_in_enrolment AS
SELECT DISTINCT r.person_id, r.event_date AS relapse_date
FROM effective_events AS r
JOIN enrolments AS e
  ON e.person_id = r.person_id AND r.event_date BETWEEN e.d0 AND e.end_date
WHERE r.type = 'RELAPSE';

-- The chain depends on the previous episode's start, so walk each person's relapse dates in
-- order (a recursive query: one step per relapse date).
CREATE TABLE relapse_episodes AS
WITH RECURSIVE numbered AS (
    SELECT person_id, relapse_date,
           row_number() OVER (PARTITION BY person_id ORDER BY relapse_date) AS n
    FROM relapses_in_enrolment
),
chain (person_id, n, relapse_date, episode_start) AS (
    SELECT person_id, n, relapse_date, relapse_date
    FROM numbered
    WHERE n = 1
    UNION ALL
    SELECT nx.person_id, nx.n, nx.relapse_date,
           CASE WHEN nx.relapse_date <= c.episode_start + 6 THEN c.episode_start
                ELSE nx.relapse_date END
    FROM chain AS c
    JOIN numbered AS nx ON nx.person_id = c.person_id AND nx.n = c.n + 1
)
SELECT DISTINCT c.person_id, c.episode_start, e.enrolment_id, e.site_id, e.programme, e.arm
FROM chain AS c
JOIN enrolments AS e
  ON e.person_id = c.person_id AND c.episode_start BETWEEN e.d0 AND e.end_date;
