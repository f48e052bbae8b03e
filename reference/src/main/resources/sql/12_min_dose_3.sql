-- =============================================================================================
-- MIN_DOSE_3  (Engagement; DAY, WEEK, MONTH, ROLLING_28D; arm INTERVENTION)
--   cohort      INTERVENTION enrolments starting in the period
--   numerator   those with >= min_dose (config, default 3) PSW contact-persons while enrolled
--               (a group contact counts once for each person in it)
--   value       %
--   status      final once every cohort enrolment has ended: period_end and every member's
--               end_date <= site watermark
-- =============================================================================================

INSERT INTO site_rows
WITH cohort AS (
    SELECT e.*,
           (SELECT count(*) FROM psw_contact_persons AS c
            WHERE c.enrolment_id = e.enrolment_id) AS psw_contacts
    FROM enrolments AS e
    WHERE e.arm = 'INTERVENTION'
)
SELECT 'MIN_DOSE_3', p.site_id, c.programme, c.arm,
       p.period_type, p.period_start, p.period_end,
       count(*) FILTER (WHERE c.psw_contacts >= CAST(getvariable('min_dose') AS INTEGER)) AS numerator,
       count(*)                                                                          AS denominator,
       max(c.end_date)                                                                   AS status_window_end
FROM cohort AS c
JOIN day_periods AS p ON p.site_id = c.site_id AND p.day = c.d0
GROUP BY ALL;
