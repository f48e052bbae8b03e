-- =============================================================================================
-- READMISSION_30  (Transitions; DAY, WEEK, MONTH, ROLLING_28D; all arms)
--   denominator index discharges dated in the period (04_stays.sql)
--   numerator   those followed by a psychiatric admission that starts a new merged stay within
--               30 days after the discharge date (days 1..30; an admission on day 1 would have
--               merged, so in practice days 2..30). A readmission's own discharge is a new index
--               discharge (every merged stay is a candidate).
--   value       %
--   status      FINAL when period_end and discharge + 30 of every member <= site watermark
-- =============================================================================================

INSERT INTO site_rows
SELECT 'READMISSION_30', p.site_id, d.programme, d.arm,
       p.period_type, p.period_start, p.period_end,
       count(*) FILTER (WHERE d.next_admitted_on BETWEEN d.discharged_on + 1 AND d.discharged_on + 30) AS numerator,
       count(*)                                                                                      AS denominator,
       max(d.discharged_on + 30)                                                                     AS status_window_end
FROM index_discharges AS d
JOIN day_periods AS p ON p.site_id = d.site_id AND p.day = d.discharged_on
GROUP BY ALL;
