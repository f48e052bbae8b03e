-- =============================================================================================
-- BED_DAYS  (Transitions; DAY, WEEK, MONTH, ROLLING_28D; all arms)
--   numerator   days of merged psychiatric stays (04_stays.sql) inside the period and inside an
--               enrolment: from the admission day to the day before the discharge (gap days
--               inside a merge count); an open stay counts up to the horizon of the site of the
--               enrolment the day belongs to. Each day counts for the enrolment active on it,
--               paused or not.
--   denominator person-days of all enrolments in the period
--   value       per person-month = numerator / denominator x 30.4375
--   status      FINAL when period_end <= site watermark
-- Days after the enrolment site's horizon have no period (site_days ends there), which caps
-- open stays at that horizon.
-- =============================================================================================

CREATE TABLE bed_days AS
WITH stay_days AS (
    SELECT m.person_id,
           CAST(unnest(generate_series(
               m.admitted_on,
               coalesce(m.discharged_on - 1, (SELECT max(horizon) FROM sites)),
               INTERVAL 1 DAY)) AS DATE) AS day
    FROM merged_stays AS m
    WHERE m.admitted_on <= coalesce(m.discharged_on - 1, (SELECT max(horizon) FROM sites))
)
SELECT d.enrolment_id, d.site_id, d.programme, d.arm, d.day
FROM stay_days AS s
JOIN enrolment_days AS d ON d.person_id = s.person_id AND d.day = s.day;

INSERT INTO site_rows
WITH beds AS (
    SELECT p.site_id, b.programme, b.arm, p.period_type, p.period_start, p.period_end,
           count(*) AS bed_days
    FROM bed_days AS b
    JOIN day_periods AS p ON p.site_id = b.site_id AND p.day = b.day
    GROUP BY ALL
)
SELECT 'BED_DAYS', site_id, programme, arm, period_type, period_start, period_end,
       coalesce(b.bed_days, 0)    AS numerator,
       coalesce(t.person_days, 0) AS denominator,
       period_end                 AS status_window_end
FROM beds AS b
FULL JOIN period_person_days AS t USING (site_id, programme, arm, period_type, period_start, period_end);
