-- =============================================================================================
-- PSW_OVER_THRESHOLD  (Workload; WEEK; per site, programme = arm = "*")
--   members     PSWs active on >= 1 day of the week (days up to the site horizon): workers of the
--               site whose status on that day is active with role PSW; each with the fte of
--               their last such day in the week
--   hours       of a member: sum of duration_minutes / 60 of the attended PSW contacts recorded
--               by the site under their worker_id and dated in the week (on any day of the week,
--               active or not)
--   numerator   members with hours > threshold_hours (config, default 20) x fte, compared
--               exactly (minutes > threshold_hours x 60 x fte in decimals; fte 0 is over with
--               any direct time)
--   denominator members
--   value       %
--   workers     members with fte > 0 on one of their active PSW days of the week, or with >= 1
--               counted contact (a member with fte 0 and no contact does not count)
--   status      FINAL when period_end <= site watermark
-- =============================================================================================

CREATE TABLE over_threshold_members AS
WITH members AS (
    SELECT p.site_id, p.period_start, p.period_end, d.worker_id,
           arg_max(d.fte, d.day) AS fte,
           bool_or(d.fte > 0)    AS had_fte
    FROM worker_days AS d
    JOIN day_periods AS p ON p.site_id = d.site_id AND p.day = d.day AND p.period_type = 'WEEK'
    WHERE d.active AND d.role = 'PSW'
    GROUP BY ALL
),
minutes AS (
    SELECT m.site_id, m.period_start, m.worker_id,
           sum(c.duration_minutes) AS minutes,
           count(*)                AS contacts
    FROM members AS m
    JOIN workload_contacts AS c
      ON c.site_id = m.site_id
     AND c.worker_id = m.worker_id
     AND c.contact_date BETWEEN m.period_start AND m.period_end
    WHERE c.role = 'PSW'
    GROUP BY ALL
)
SELECT m.*, coalesce(x.minutes, 0) AS minutes, coalesce(x.contacts, 0) AS contacts,
       coalesce(x.minutes, 0) > CAST(getvariable('threshold_hours') AS DECIMAL(18, 6)) * 60 * m.fte AS over
FROM members AS m
LEFT JOIN minutes AS x USING (site_id, period_start, worker_id);

INSERT INTO site_rows
SELECT 'PSW_OVER_THRESHOLD', site_id, '*', '*', 'WEEK', period_start, period_end,
       count(*) FILTER (WHERE over) AS numerator,
       count(*)                     AS denominator,
       period_end                   AS status_window_end
FROM over_threshold_members
GROUP BY ALL;

INSERT INTO workload_workers
SELECT 'PSW_OVER_THRESHOLD', site_id, 'WEEK', period_start, period_end,
       count(*) FILTER (WHERE had_fte OR contacts > 0)
FROM over_threshold_members
GROUP BY ALL;
