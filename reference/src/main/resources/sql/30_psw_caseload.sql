-- =============================================================================================
-- PSW_CASELOAD  (Workload; WEEK, ROLLING_28D; per site, programme = arm = "*")
--   P           the period's point day: min(period_end, site horizon). WEEK uses the 28 days
--               ending on the Sunday (or on the horizon in the current week); ROLLING_28D the
--               28 days ending on E (E <= horizon always).
--   numerator   distinct persons with >= 1 attended PSW contact recorded by the site on days
--               P-27 .. P (a group session counts once per person; enrolled or not, any worker,
--               with or without a status)
--   denominator PSW FTE on P
--   value       numerator / denominator (persons per FTE); NULL when no PSW FTE
--   workers     workers of those contacts, and PSWs active on P with fte > 0
--   status      FINAL when period_end <= site watermark
-- =============================================================================================

CREATE TABLE caseload_windows AS
SELECT site_id, period_type, period_start, period_end, point_day
FROM workload_periods
WHERE period_type IN ('WEEK', 'ROLLING_28D');

-- A contact on day d is in the window of P exactly when P = d + k for some k in 0..27 (an equi-join
-- on point_day, rather than a range join).
CREATE TABLE caseload_contacts AS
WITH contact_point_days AS (
    SELECT c.site_id, c.contact_id, c.worker_id, c.contact_date + k.offset_days AS point_day
    FROM workload_contacts AS c
    CROSS JOIN (SELECT CAST(unnest(range(0, 28)) AS INTEGER) AS offset_days) AS k
    WHERE c.role = 'PSW'
)
SELECT w.site_id, w.period_type, w.period_start, w.period_end, c.contact_id, c.worker_id
FROM contact_point_days AS c
JOIN caseload_windows AS w USING (site_id, point_day);

INSERT INTO site_rows
WITH persons AS (
    SELECT cc.site_id, cc.period_type, cc.period_start, cc.period_end,
           count(DISTINCT cp.person_id) AS persons
    FROM caseload_contacts AS cc
    JOIN contact_persons AS cp ON cp.contact_id = cc.contact_id
    GROUP BY ALL
)
SELECT 'PSW_CASELOAD', w.site_id, '*', '*', w.period_type, w.period_start, w.period_end,
       coalesce(p.persons, 0)            AS numerator,
       CAST(coalesce(f.fte, 0) AS DOUBLE) AS denominator,
       w.period_end                      AS status_window_end
FROM caseload_windows AS w
LEFT JOIN persons AS p USING (site_id, period_type, period_start, period_end)
LEFT JOIN daily_fte AS f ON f.site_id = w.site_id AND f.role = 'PSW' AND f.day = w.point_day;

INSERT INTO workload_workers
SELECT 'PSW_CASELOAD', site_id, period_type, period_start, period_end, count(DISTINCT worker_id)
FROM (
    SELECT site_id, period_type, period_start, period_end, worker_id
    FROM caseload_contacts
    UNION ALL
    SELECT w.site_id, w.period_type, w.period_start, w.period_end, d.worker_id
    FROM caseload_windows AS w
    JOIN worker_days AS d ON d.site_id = w.site_id AND d.day = w.point_day
    WHERE d.role = 'PSW' AND d.active AND d.fte > 0
)
GROUP BY ALL;
