-- =============================================================================================
-- RELAPSE_RATE  (Transitions; DAY, WEEK, MONTH, ROLLING_28D; all arms)
--   numerator   relapse episodes (05_relapse_episodes.sql) dated (= started) in the period
--               within an enrolment, counted for that enrolment's cell
--   denominator person-days of all enrolments in the period
--   value       per 100 person-months = numerator / denominator x 3043.75
--   status      FINAL when period_end <= site watermark
-- =============================================================================================

INSERT INTO site_rows
WITH episodes AS (
    SELECT p.site_id, r.programme, r.arm, p.period_type, p.period_start, p.period_end,
           count(*) AS episodes
    FROM relapse_episodes AS r
    JOIN day_periods AS p ON p.site_id = r.site_id AND p.day = r.episode_start
    GROUP BY ALL
)
SELECT 'RELAPSE_RATE', site_id, programme, arm, period_type, period_start, period_end,
       coalesce(r.episodes, 0)    AS numerator,
       coalesce(t.person_days, 0) AS denominator,
       period_end                 AS status_window_end
FROM episodes AS r
FULL JOIN period_person_days AS t USING (site_id, programme, arm, period_type, period_start, period_end);
