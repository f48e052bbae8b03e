-- =============================================================================================
-- FOLLOW_UP_7, FOLLOW_UP_30  (Transitions; DAY, WEEK, MONTH, ROLLING_28D; all arms)
--   members     index discharges (04_stays.sql) dated in the period, counted for the cell of
--               the enrolment they are attributed to
--   qualifying  an ATTENDED contact (any role, any mode but MESSAGE, GROUP included, recorded by
--   contact     any site, inside an enrolment or not) of the person on days 1..N after the
--               discharge (the discharge day excluded)
--   excluded    the next merged stay starts on days 1..N and strictly before the first
--               qualifying contact (a contact on the same day keeps the discharge in)
--   denominator members not excluded
--   numerator   those with a qualifying contact
--   value       %
--   status      FINAL when period_end and discharge + N of every member (excluded ones too: a
--               late contact could bring them back) <= site watermark
-- =============================================================================================

CREATE TABLE follow_up_members AS
WITH windows AS (
    SELECT d.*, n.days AS window_days,
           (SELECT min(c.contact_date)
            FROM contact_persons AS c
            WHERE c.person_id = d.person_id
              AND c.outcome = 'ATTENDED'
              AND c.mode <> 'MESSAGE'
              AND c.contact_date BETWEEN d.discharged_on + 1 AND d.discharged_on + n.days) AS first_contact
    FROM index_discharges AS d
    CROSS JOIN (VALUES (7), (30)) AS n(days)
)
SELECT *,
       coalesce(next_admitted_on BETWEEN discharged_on + 1 AND discharged_on + window_days
                AND (first_contact IS NULL OR next_admitted_on < first_contact), false) AS excluded
FROM windows;

INSERT INTO site_rows
SELECT 'FOLLOW_UP_' || m.window_days, p.site_id, m.programme, m.arm,
       p.period_type, p.period_start, p.period_end,
       count(*) FILTER (WHERE NOT m.excluded AND m.first_contact IS NOT NULL) AS numerator,
       count(*) FILTER (WHERE NOT m.excluded)                                AS denominator,
       max(m.discharged_on + m.window_days)                                  AS status_window_end
FROM follow_up_members AS m
JOIN day_periods AS p ON p.site_id = m.site_id AND p.day = m.discharged_on
GROUP BY ALL;
