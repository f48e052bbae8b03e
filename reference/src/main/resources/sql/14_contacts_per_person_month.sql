-- =============================================================================================
-- CONTACTS_PER_PERSON_MONTH  (Engagement; MONTH, ROLLING_28D only; all arms)
--   numerator   PSW contact-persons dated in the period within an enrolment (counted for the
--               enrolment's cell, whichever site recorded the contact)
--   denominator person-days of all enrolments in the period (non-paused days up to the horizon)
--   value       numerator / person-months = numerator / denominator x 30.4375
--   status      FINAL when period_end <= site watermark
-- =============================================================================================

INSERT INTO site_rows
WITH contacts AS (
    SELECT p.site_id, c.programme, c.arm, p.period_type, p.period_start, p.period_end,
           count(*) AS contact_persons
    FROM psw_contact_persons AS c
    JOIN day_periods AS p ON p.site_id = c.site_id AND p.day = c.contact_date
    GROUP BY ALL
)
SELECT 'CONTACTS_PER_PERSON_MONTH', site_id, programme, arm, period_type, period_start, period_end,
       coalesce(c.contact_persons, 0) AS numerator,
       coalesce(t.person_days, 0)     AS denominator,
       period_end                     AS status_window_end
FROM contacts AS c
FULL JOIN period_person_days AS t USING (site_id, programme, arm, period_type, period_start, period_end)
WHERE period_type IN ('MONTH', 'ROLLING_28D');
