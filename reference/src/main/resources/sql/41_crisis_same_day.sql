-- =============================================================================================
-- CRISIS_SAME_DAY  (Programme fidelity; MONTH; per site x programme x arm, all arms)
--   denominator relapse episodes (05_relapse_episodes.sql, as in RELAPSE_RATE) dated (= started)
--               in the month within an enrolment, counted for that enrolment's cell
--   numerator   those with an attended contact with crisis = true of the person (any role, any
--               mode, recorded by any site, inside an enrolment or not) on the episode's start
--               date or the next day
--   value       %
--   status      FINAL when period_end + 1 <= site watermark
-- =============================================================================================

INSERT INTO site_rows
WITH episodes AS (
    SELECT r.*,
           EXISTS (SELECT 1 FROM contact_persons AS c
                   WHERE c.person_id = r.person_id
                     AND c.outcome = 'ATTENDED'
                     AND c.crisis
                     AND c.contact_date BETWEEN r.episode_start AND r.episode_start + 1) AS met
    FROM relapse_episodes AS r
)
SELECT 'CRISIS_SAME_DAY', p.site_id, e.programme, e.arm, 'MONTH', p.period_start, p.period_end,
       count(*) FILTER (WHERE e.met) AS numerator,
       count(*)                      AS denominator,
       p.period_end + 1              AS status_window_end
FROM episodes AS e
JOIN day_periods AS p ON p.site_id = e.site_id AND p.day = e.episode_start AND p.period_type = 'MONTH'
GROUP BY ALL;
