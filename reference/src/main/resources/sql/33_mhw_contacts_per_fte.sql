-- =============================================================================================
-- MHW_CONTACTS_PER_FTE  (Workload; WEEK, ROLLING_28D; per site, programme = arm = "*")
--   numerator   attended MHW contacts recorded by the site and dated in the period (a group
--               session counts once; any worker, with or without a status)
--   denominator MHW FTE-weeks of the period: sum over its days up to the horizon of MHW FTE / 7
--   value       numerator / denominator (contacts per FTE-week)
--   workers     workers of those contacts, and MHWs active with fte > 0 on a day of the period
--   status      FINAL when period_end <= site watermark
-- =============================================================================================

INSERT INTO site_rows
WITH contacts AS (
    SELECT p.site_id, p.period_type, p.period_start, p.period_end, count(*) AS contacts
    FROM workload_contacts AS c
    JOIN day_periods AS p ON p.site_id = c.site_id AND p.day = c.contact_date
    WHERE c.role = 'MHW' AND p.period_type IN ('WEEK', 'ROLLING_28D')
    GROUP BY ALL
),
fte_weeks AS (
    SELECT p.site_id, p.period_type, p.period_start, p.period_end,
           CAST(sum(f.fte) AS DOUBLE) / 7 AS fte_weeks
    FROM daily_fte AS f
    JOIN day_periods AS p ON p.site_id = f.site_id AND p.day = f.day
    WHERE f.role = 'MHW' AND p.period_type IN ('WEEK', 'ROLLING_28D')
    GROUP BY ALL
)
SELECT 'MHW_CONTACTS_PER_FTE', site_id, '*', '*', period_type, period_start, period_end,
       coalesce(c.contacts, 0)  AS numerator,
       coalesce(f.fte_weeks, 0) AS denominator,
       period_end               AS status_window_end
FROM contacts AS c
FULL JOIN fte_weeks AS f USING (site_id, period_type, period_start, period_end);

INSERT INTO workload_workers
SELECT 'MHW_CONTACTS_PER_FTE', site_id, period_type, period_start, period_end, count(DISTINCT worker_id)
FROM (
    SELECT p.site_id, p.period_type, p.period_start, p.period_end, c.worker_id
    FROM workload_contacts AS c
    JOIN day_periods AS p ON p.site_id = c.site_id AND p.day = c.contact_date
    WHERE c.role = 'MHW'
    UNION ALL
    SELECT p.site_id, p.period_type, p.period_start, p.period_end, d.worker_id
    FROM worker_days AS d
    JOIN day_periods AS p ON p.site_id = d.site_id AND p.day = d.day
    WHERE d.role = 'MHW' AND d.active AND d.fte > 0
)
WHERE period_type IN ('WEEK', 'ROLLING_28D')
GROUP BY ALL;
