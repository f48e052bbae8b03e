-- =============================================================================================
-- PSW_DIRECT_HOURS  (Workload; WEEK, MONTH, ROLLING_28D; per site, programme = arm = "*")
--   numerator   sum of duration_minutes / 60 of attended PSW contacts recorded by the site and
--               dated in the period (a group session counts once; any worker, with or without
--               a status)
--   denominator PSW FTE-weeks of the period: sum over its days up to the horizon of PSW FTE / 7
--   value       numerator / denominator (hours per FTE-week)
--   workers     workers of those contacts, and PSWs active with fte > 0 on a day of the period
--   status      FINAL when period_end <= site watermark
-- =============================================================================================

INSERT INTO site_rows
WITH hours AS (
    SELECT p.site_id, p.period_type, p.period_start, p.period_end,
           sum(c.duration_minutes) / 60.0 AS hours
    FROM workload_contacts AS c
    JOIN day_periods AS p ON p.site_id = c.site_id AND p.day = c.contact_date
    WHERE c.role = 'PSW' AND p.period_type IN ('WEEK', 'MONTH', 'ROLLING_28D')
    GROUP BY ALL
),
fte_weeks AS (
    SELECT p.site_id, p.period_type, p.period_start, p.period_end,
           CAST(sum(f.fte) AS DOUBLE) / 7 AS fte_weeks
    FROM daily_fte AS f
    JOIN day_periods AS p ON p.site_id = f.site_id AND p.day = f.day
    WHERE f.role = 'PSW' AND p.period_type IN ('WEEK', 'MONTH', 'ROLLING_28D')
    GROUP BY ALL
)
SELECT 'PSW_DIRECT_HOURS', site_id, '*', '*', period_type, period_start, period_end,
       coalesce(h.hours, 0)     AS numerator,
       coalesce(f.fte_weeks, 0) AS denominator,
       period_end               AS status_window_end
FROM hours AS h
FULL JOIN fte_weeks AS f USING (site_id, period_type, period_start, period_end);

INSERT INTO workload_workers
SELECT 'PSW_DIRECT_HOURS', site_id, period_type, period_start, period_end, count(DISTINCT worker_id)
FROM (
    SELECT p.site_id, p.period_type, p.period_start, p.period_end, c.worker_id
    FROM workload_contacts AS c
    JOIN day_periods AS p ON p.site_id = c.site_id AND p.day = c.contact_date
    WHERE c.role = 'PSW'
    UNION ALL
    SELECT p.site_id, p.period_type, p.period_start, p.period_end, d.worker_id
    FROM worker_days AS d
    JOIN day_periods AS p ON p.site_id = d.site_id AND p.day = d.day
    WHERE d.role = 'PSW' AND d.active AND d.fte > 0
)
WHERE period_type IN ('WEEK', 'MONTH', 'ROLLING_28D')
GROUP BY ALL;
