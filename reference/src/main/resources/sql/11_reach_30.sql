-- =============================================================================================
-- REACH_30  (Engagement; DAY, WEEK, MONTH, ROLLING_28D; arm INTERVENTION)
--   cohort      INTERVENTION enrolments starting in the period (d0 in the period, ROLLING_28D:
--               d0 in [E-27, E]), minus those whose DIED exit is dated before d0 + 29
--   numerator   cohort members with >= 1 PSW contact on days d0 .. d0+29 (calendar days, pauses do
--               not extend it) that belongs to this enrolment (contacts outside any enrolment
--               count only for workload)
--   value       %
--   status      FINAL when period_end and d0 + 29 of every cohort member <= site watermark
--               (members dropped for DIED are not cohort members: their window is irrelevant)
-- =============================================================================================

INSERT INTO site_rows
WITH cohort AS (
    SELECT e.*,
           EXISTS (SELECT 1 FROM psw_contact_persons AS c
                   WHERE c.enrolment_id = e.enrolment_id
                     AND c.contact_date <= e.d0 + 29) AS reached
    FROM enrolments AS e
    WHERE e.arm = 'INTERVENTION'
      AND NOT coalesce(e.exit_reason = 'DIED' AND e.exit_date < e.d0 + 29, false)
)
SELECT 'REACH_30', p.site_id, c.programme, c.arm,
       p.period_type, p.period_start, p.period_end,
       count(*) FILTER (WHERE c.reached) AS numerator,
       count(*)                          AS denominator,
       max(c.d0 + 29)                    AS status_window_end
FROM cohort AS c
JOIN day_periods AS p ON p.site_id = c.site_id AND p.day = c.d0
GROUP BY ALL;
