-- =============================================================================================
-- INVOLUNTARY_ADMISSIONS  (Transitions; DAY, WEEK, MONTH, ROLLING_28D; all arms)
--   numerator   psychiatric admissions (ward = PSYCHIATRIC) with involuntary = true dated in
--               the period within an enrolment. ADMITTED events are counted before merging (a
--               transfer's second admission counts); for one site_id + stay_id only the first
--               ADMITTED to arrive stands.
--   denominator person-days of all enrolments in the period
--   value       per 100 person-months = numerator / denominator x 3043.75
--   status      FINAL when period_end <= site watermark
-- =============================================================================================

INSERT INTO site_rows
WITH involuntary AS (
    SELECT p.site_id, e.programme, e.arm, p.period_type, p.period_start, p.period_end,
           count(*) AS admissions
    FROM admissions AS a
    JOIN enrolments AS e
      ON e.person_id = a.person_id AND a.event_date BETWEEN e.d0 AND e.end_date
    JOIN day_periods AS p ON p.site_id = e.site_id AND p.day = a.event_date
    WHERE a.ward = 'PSYCHIATRIC'
      AND coalesce(a.involuntary, false)
    GROUP BY ALL
)
SELECT 'INVOLUNTARY_ADMISSIONS', site_id, programme, arm, period_type, period_start, period_end,
       coalesce(i.admissions, 0)  AS numerator,
       coalesce(t.person_days, 0) AS denominator,
       period_end                 AS status_window_end
FROM involuntary AS i
FULL JOIN period_person_days AS t USING (site_id, programme, arm, period_type, period_start, period_end);
