-- =============================================================================================
-- ACTIVE_ENROLMENTS  (Engagement; DAY, WEEK, MONTH, ROLLING_28D; all arms)
--   numerator   enrolments active on >= 1 non-paused day of the period
--   denominator none;  value = numerator
--   status      FINAL when period_end <= site watermark
-- Days count up to the site horizon only (enrolment_days stops there).
-- =============================================================================================

INSERT INTO site_rows
SELECT 'ACTIVE_ENROLMENTS', p.site_id, d.programme, d.arm,
       p.period_type, p.period_start, p.period_end,
       count(DISTINCT d.enrolment_id) AS numerator,
       NULL                           AS denominator,
       p.period_end                   AS status_window_end
FROM enrolment_days AS d
JOIN day_periods AS p ON p.site_id = d.site_id AND p.day = d.day
WHERE NOT d.paused
GROUP BY ALL;
