-- =============================================================================================
-- PHASE1_CONTACT_RATE, PHASE2_CONTACT_RATE, PHASE3_CONTACT_RATE
--   (Programme fidelity; MONTH of the enrolment start; per site x programme x arm, all arms)
--   cohort      enrolments starting (d0) in the month
--   phase k     days d0 + 91(k-1) .. d0 + 91k - 1 (CTI's three 3-month phases)
--   denominator person-days of the cohort in phase k: the enrolment's non-paused days in the phase,
--               up to the site horizon (published in person-days)
--   numerator   attended contacts (PSW or MHW, any mode; a group session once per person:
--               contact-persons) of the enrolment (dated inside it, whichever site recorded them)
--               on days of phase k, paused or not
--   value       per person-month = numerator / denominator x 30.4375
--   status      FINAL when period_end and the phase's last day d0 + 91k - 1 of every cohort
--               member <= site watermark
-- Like the other cohort windows, a phase looks at the contacts themselves (not capped by the
-- horizon); its person-days stop at the horizon.
-- =============================================================================================

CREATE TABLE phase_members AS
SELECT e.enrolment_id, e.person_id, e.site_id, e.programme, e.arm, e.d0, e.end_date, k.phase,
       e.d0 + 91 * (k.phase - 1) AS phase_start,
       e.d0 + 91 * k.phase - 1   AS phase_end
FROM enrolments AS e
CROSS JOIN (VALUES (1), (2), (3)) AS k(phase);

INSERT INTO site_rows
WITH phase_person_days AS (
    SELECT d.enrolment_id, CAST((d.day - e.d0) // 91 AS INTEGER) + 1 AS phase, count(*) AS person_days
    FROM enrolment_days AS d
    JOIN enrolments AS e USING (enrolment_id)
    WHERE NOT d.paused
      AND d.day - e.d0 < 273
    GROUP BY ALL
),
phase_contacts AS (
    SELECT e.enrolment_id, CAST((cp.contact_date - e.d0) // 91 AS INTEGER) + 1 AS phase, count(*) AS contacts
    FROM contact_persons AS cp
    JOIN enrolments AS e
      ON e.person_id = cp.person_id AND cp.contact_date BETWEEN e.d0 AND e.end_date
    WHERE cp.outcome = 'ATTENDED'
      AND cp.contact_date - e.d0 < 273
    GROUP BY ALL
)
SELECT 'PHASE' || m.phase || '_CONTACT_RATE', p.site_id, m.programme, m.arm,
       'MONTH', p.period_start, p.period_end,
       sum(coalesce(c.contacts, 0))     AS numerator,
       sum(coalesce(d.person_days, 0))  AS denominator,
       max(m.phase_end)                 AS status_window_end
FROM phase_members AS m
JOIN day_periods AS p ON p.site_id = m.site_id AND p.day = m.d0 AND p.period_type = 'MONTH'
LEFT JOIN phase_person_days AS d USING (enrolment_id, phase)
LEFT JOIN phase_contacts AS c USING (enrolment_id, phase)
GROUP BY ALL;
