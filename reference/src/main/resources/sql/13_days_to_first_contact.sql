-- =============================================================================================
-- DAYS_TO_FIRST_CONTACT  (Engagement; DAY, WEEK, MONTH, ROLLING_28D; arm INTERVENTION)
--   members     INTERVENTION enrolments starting in the period with >= 1 PSW contact in the
--               enrolment
--   value       median of (first PSW contact date - d0) in days; with an even count the mean of
--               the two middle values (= quantile_cont 0.5)
--   numerator   the number of members;  denominator none
--   status      every INTERVENTION starter of the period is a member for the status, with or
--               without a contact yet: FINAL when period_end and every starter's end_date
--               <= site watermark
-- `*` rows take the median over the pooled member list (90_rows_and_totals.sql).
-- =============================================================================================

CREATE TABLE first_contact_starters AS
SELECT e.enrolment_id, e.site_id, e.programme, e.arm, e.d0, e.end_date,
       (SELECT min(c.contact_date) FROM psw_contact_persons AS c
        WHERE c.enrolment_id = e.enrolment_id) - e.d0 AS days_to_first_contact
FROM enrolments AS e
WHERE e.arm = 'INTERVENTION';

INSERT INTO median_members
SELECT 'DAYS_TO_FIRST_CONTACT', p.site_id, s.programme, s.arm,
       p.period_type, p.period_start, p.period_end, s.days_to_first_contact
FROM first_contact_starters AS s
JOIN day_periods AS p ON p.site_id = s.site_id AND p.day = s.d0
WHERE s.days_to_first_contact IS NOT NULL;

INSERT INTO site_rows
SELECT 'DAYS_TO_FIRST_CONTACT', p.site_id, s.programme, s.arm,
       p.period_type, p.period_start, p.period_end,
       count(s.days_to_first_contact) AS numerator,
       NULL                           AS denominator,
       max(s.end_date)                AS status_window_end
FROM first_contact_starters AS s
JOIN day_periods AS p ON p.site_id = s.site_id AND p.day = s.d0
GROUP BY ALL;
